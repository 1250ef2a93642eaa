package org.compliancesuite.evidence.ledger;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.compliancesuite.common.testing.TestTokens;

/**
 * Checkpoints signed through vault-service, and scheduled jobs running with a service account token read from a file
 * (as a Kubernetes projected token is). SERVICE_TOKEN is set too, for another tenant, to show that the file wins.
 */
public class VaultSignerProfile implements QuarkusTestProfile {

    static final String SERVICE_TENANT = "acme-service";
    static final String IGNORED_TENANT = "acme-ignored-service-token";
    static final Path TOKEN_FILE = Path.of("target", "service-token", "token");

    @Override
    public Map<String, String> getConfigOverrides() {
        writeToken(serviceToken());
        return Map.of(
                "evidence.checkpoint.signer",
                "vault-service",
                "evidence.service-token",
                TestTokens.builder(IGNORED_TENANT, "grc-admin", "security-officer", "evidence-collector")
                        .subject("svc-ignored")
                        .sign(),
                "evidence.service-token-file",
                TOKEN_FILE.toAbsolutePath().toString());
    }

    /** A new token of the service account (each has its own id). */
    static String serviceToken() {
        return TestTokens.builder(SERVICE_TENANT, "grc-admin", "security-officer", "evidence-collector")
                .subject("svc-evidence")
                .sign();
    }

    static void writeToken(String token) {
        try {
            Files.createDirectories(TOKEN_FILE.getParent());
            Path next = TOKEN_FILE.resolveSibling("token.next");
            Files.writeString(next, token + "\n");
            // replaced in one step, as a kubelet swaps a projected token
            Files.move(next, TOKEN_FILE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
