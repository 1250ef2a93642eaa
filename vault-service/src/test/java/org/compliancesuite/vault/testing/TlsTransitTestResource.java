package org.compliancesuite.vault.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A Transit test server over HTTPS with a certificate from a CA made for the test, and the service configured to trust
 * a CA through {@code quarkus.vault.tls.ca-cert} (VAULT_TLS_CA_PATH): the server's own CA, or with the init argument
 * {@code trust=other}, a CA that did not issue the server's certificate.
 */
public class TlsTransitTestResource implements QuarkusTestResourceLifecycleManager {

    private static TransitTestServer server;
    private boolean trustOther;

    public static TransitTestServer server() {
        return server;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        trustOther = "other".equals(initArgs.get("trust"));
    }

    @Override
    public Map<String, String> start() {
        TestCertificates issuer = TestCertificates.authority("transit-issuer");
        TestCertificates trusted = trustOther ? TestCertificates.authority("unrelated") : issuer;
        server = new TransitTestServer(0, TransitTestServer.ROOT_TOKEN, issuer.serverContext());
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.vault.url",
                server.url(),
                "quarkus.vault.tls.ca-cert",
                trusted.caPem().toString());
    }

    @Override
    public void stop() {
        server.stop();
    }
}
