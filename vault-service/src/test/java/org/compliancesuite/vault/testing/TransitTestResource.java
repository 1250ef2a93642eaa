package org.compliancesuite.vault.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Starts one Transit test server for the test run and points the quarkus-vault client at it. */
public class TransitTestResource implements QuarkusTestResourceLifecycleManager {

    private static TransitTestServer server;

    public static TransitTestServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new TransitTestServer(0);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.vault.url", server.url());
    }

    @Override
    public void stop() {
        server.stop();
    }
}
