package org.compliancesuite.vault.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Starts one Transit test server for the test run and publishes its address as {@code transit-test.url}, which the
 * test profile's {@code quarkus.vault.url} refers to. A test profile that needs another Vault (HTTPS, a real Vault)
 * sets {@code quarkus.vault.url} itself without competing with this resource for the property.
 */
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
        return Map.of("transit-test.url", server.url());
    }

    @Override
    public void stop() {
        server.stop();
    }
}
