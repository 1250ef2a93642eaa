package org.compliancesuite.reporting.upstream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Starts {@link UpstreamStub} and points the three REST clients at it. */
public class UpstreamStubResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            String base = "http://127.0.0.1:" + UpstreamStub.start();
            return Map.of(
                    "quarkus.rest-client.catalog.url", base + "/catalog",
                    "quarkus.rest-client.evidence.url", base + "/evidence",
                    "quarkus.rest-client.vault.url", base + "/vault");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        UpstreamStub.stop();
    }
}
