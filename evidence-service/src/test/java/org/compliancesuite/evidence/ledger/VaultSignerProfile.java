package org.compliancesuite.evidence.ledger;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import org.compliancesuite.common.testing.TestTokens;

/** Checkpoints signed through vault-service, and scheduled jobs running with a service account token. */
public class VaultSignerProfile implements QuarkusTestProfile {

    static final String SERVICE_TENANT = "acme-service";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "evidence.checkpoint.signer",
                "vault-service",
                "evidence.service-token",
                TestTokens.builder(SERVICE_TENANT, "grc-admin", "security-officer", "evidence-collector")
                        .subject("svc-evidence")
                        .sign());
    }
}
