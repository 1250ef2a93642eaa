package org.compliancesuite.vault.contract;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The same Transit contract against a real Vault: {@code VAULT_ADDR=http://127.0.0.1:8200 VAULT_TOKEN=... ./mvnw -pl
 * vault-service verify -Dtest=RealVaultContractTest} (transit enabled at VAULT_TRANSIT_MOUNT, default transit; see
 * the README for the policy). Skipped when either variable is missing.
 */
@QuarkusTest
@EnabledIfEnvironmentVariable(
        named = "VAULT_ADDR",
        matches = ".+",
        disabledReason = "set VAULT_ADDR and VAULT_TOKEN to run the Transit contract against a real Vault")
@EnabledIfEnvironmentVariable(
        named = "VAULT_TOKEN",
        matches = ".+",
        disabledReason = "set VAULT_ADDR and VAULT_TOKEN to run the Transit contract against a real Vault")
class RealVaultContractTest extends TransitContractCases {

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
