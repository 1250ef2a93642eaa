package org.compliancesuite.vault.keys;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.vault.client.VaultClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Chooses the key provider once, at startup. The Vault client of the quarkus-vault extension is only looked up when
 * the Vault provider is chosen, so development and tests on the local provider never try to reach a Vault.
 */
@ApplicationScoped
public class KeyProviders {

    @ConfigProperty(name = "vault.key-provider")
    String provider;

    @ConfigProperty(name = "vault.local.allowed")
    boolean localAllowed;

    @ConfigProperty(name = "vault.local.master-key")
    Optional<String> localMasterKey;

    @ConfigProperty(name = "vault.auth")
    String auth;

    @ConfigProperty(name = "quarkus.vault.authentication.client-token")
    Optional<String> token;

    @ConfigProperty(name = "quarkus.vault.authentication.kubernetes.role")
    Optional<String> kubernetesRole;

    @ConfigProperty(name = "vault.transit.mount")
    String mount;

    @ConfigProperty(name = "vault.unavailable.retry-after-seconds")
    int retryAfterSeconds;

    @Produces
    @Singleton
    @Startup
    KeyProvider keyProvider(Instance<VaultClient> vaultClient, EntityManager em) {
        return switch (provider) {
            case "vault" -> {
                checkVaultAuth();
                Log.infof("key provider: Vault Transit at mount '%s', %s authentication", mount, auth);
                yield new TransitKeyProvider(vaultClient.get(), mount, retryAfterSeconds);
            }
            case "local" -> {
                if (!localAllowed) {
                    // HIPAA 45 CFR 164.312(a)(2)(iv): production PHI keys belong in the key management service,
                    // not next to the data they protect.
                    throw new IllegalStateException("KEY_PROVIDER=local is refused in the prod profile;"
                            + " set LOCAL_KEY_PROVIDER_ALLOWED=true only for a non-production deployment");
                }
                byte[] master = Base64.getDecoder()
                        .decode(localMasterKey.orElseThrow(() -> new IllegalStateException(
                                "KEY_PROVIDER=local needs LOCAL_MASTER_KEY (base64 of 32 random bytes)")));
                Log.info("key provider: local (PostgreSQL, wrapped by LOCAL_MASTER_KEY); not for production PHI");
                yield new LocalKeyProvider(em, master);
            }
            default -> throw new IllegalStateException("KEY_PROVIDER must be 'vault' or 'local'");
        };
    }

    /** VAULT_AUTH says which credential the extension must use; both set would leave the choice to chance. */
    private void checkVaultAuth() {
        switch (auth) {
            case "token" -> {
                if (token.isEmpty()) {
                    throw new IllegalStateException("VAULT_AUTH=token needs VAULT_TOKEN");
                }
                if (kubernetesRole.isPresent()) {
                    throw new IllegalStateException("VAULT_AUTH=token: unset VAULT_KUBERNETES_ROLE");
                }
            }
            case "kubernetes" -> {
                if (kubernetesRole.isEmpty()) {
                    throw new IllegalStateException("VAULT_AUTH=kubernetes needs VAULT_KUBERNETES_ROLE");
                }
                if (token.isPresent()) {
                    throw new IllegalStateException("VAULT_AUTH=kubernetes: unset VAULT_TOKEN");
                }
            }
            default -> throw new IllegalStateException("VAULT_AUTH must be 'token' or 'kubernetes'");
        }
    }
}
