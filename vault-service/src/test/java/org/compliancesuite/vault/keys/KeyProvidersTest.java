package org.compliancesuite.vault.keys;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Start-up refusals, without booting the service. */
class KeyProvidersTest {

    private static KeyProviders providers(String provider, boolean localAllowed) {
        KeyProviders providers = new KeyProviders();
        providers.provider = provider;
        providers.localAllowed = localAllowed;
        providers.localMasterKey = Optional.of("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        providers.auth = "token";
        providers.token = Optional.empty();
        providers.kubernetesRole = Optional.empty();
        providers.mount = "transit";
        return providers;
    }

    @Test
    void localProviderIsRefusedInProdUnlessAllowed() {
        IllegalStateException refused = assertThrows(
                IllegalStateException.class, () -> providers("local", false).keyProvider(null, null));
        assertTrue(refused.getMessage().contains("LOCAL_KEY_PROVIDER_ALLOWED"));
    }

    @Test
    void vaultAuthMustMatchItsCredential() {
        IllegalStateException noToken = assertThrows(
                IllegalStateException.class, () -> providers("vault", false).keyProvider(null, null));
        assertTrue(noToken.getMessage().contains("VAULT_TOKEN"));
        KeyProviders both = providers("vault", false);
        both.auth = "kubernetes";
        both.kubernetesRole = Optional.of("vault-service");
        both.token = Optional.of("s.token");
        assertThrows(IllegalStateException.class, () -> both.keyProvider(null, null));
        KeyProviders unknown = providers("hsm", false);
        assertThrows(IllegalStateException.class, () -> unknown.keyProvider(null, null));
    }
}
