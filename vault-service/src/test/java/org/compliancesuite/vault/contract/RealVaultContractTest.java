package org.compliancesuite.vault.contract;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The same Transit contract against a real Vault: {@code VAULT_ADDR=http://127.0.0.1:8200 VAULT_TOKEN=... ./mvnw -pl
 * vault-service verify -Dtest=RealVaultContractTest} (transit enabled at VAULT_TRANSIT_MOUNT, default transit; see
 * the README for the policy). Skipped when either variable is missing. The service under test is pointed at the same
 * Vault, so the REST cases exercise it too; every run uses fresh tenant and key names, as a real Vault keeps keys.
 */
@QuarkusTest
@TestProfile(RealVaultContractTest.RealVault.class)
@EnabledIfEnvironmentVariable(
        named = "VAULT_ADDR",
        matches = ".+",
        disabledReason = "set VAULT_ADDR and VAULT_TOKEN to run the Transit contract against a real Vault")
@EnabledIfEnvironmentVariable(
        named = "VAULT_TOKEN",
        matches = ".+",
        disabledReason = "set VAULT_ADDR and VAULT_TOKEN to run the Transit contract against a real Vault")
class RealVaultContractTest extends TransitContractCases {

    public static class RealVault implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.vault.url", env("VAULT_ADDR", ""),
                    "quarkus.vault.authentication.client-token", env("VAULT_TOKEN", ""),
                    "vault.transit.mount", env("VAULT_TRANSIT_MOUNT", "transit"));
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    protected String vaultAddress() {
        return System.getenv("VAULT_ADDR");
    }

    @Override
    protected String vaultToken() {
        return System.getenv("VAULT_TOKEN");
    }

    @Override
    protected String mount() {
        String mount = System.getenv("VAULT_TRANSIT_MOUNT");
        return mount == null || mount.isBlank() ? super.mount() : mount;
    }
}
