package org.compliancesuite.vault.keys;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import org.compliancesuite.common.problem.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tenant scoping of keys. Every logical key (PHI encryption, blind index, audit HMAC, checkpoint signing) exists once
 * per tenant, named {@code <logical>.<tenant>} in the provider, so a Vault policy can grant
 * {@code transit/encrypt/phi.*} and tenant A's requests can never reach tenant B's key material.
 */
@ApplicationScoped
public class KeyNames {

    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    @ConfigProperty(name = "vault.keys.phi")
    String phi;

    @ConfigProperty(name = "vault.keys.blind-index")
    String blindIndex;

    @ConfigProperty(name = "vault.keys.audit-hmac")
    String auditHmac;

    @ConfigProperty(name = "vault.keys.signing")
    String signing;

    /** The logical keys a tenant has, in the order they are listed. */
    public enum Purpose {
        ENCRYPTION("encryption", KeyProvider.KeyType.AES256_GCM96, true),
        BLIND_INDEX("blind-index", KeyProvider.KeyType.AES256_GCM96, false),
        AUDIT_HMAC("audit-hmac", KeyProvider.KeyType.AES256_GCM96, true),
        SIGNING("signing", KeyProvider.KeyType.ED25519, true);

        private final String label;
        private final KeyProvider.KeyType type;
        private final boolean rotatable;

        Purpose(String label, KeyProvider.KeyType type, boolean rotatable) {
            this.label = label;
            this.type = type;
            this.rotatable = rotatable;
        }

        public String label() {
            return label;
        }

        public KeyProvider.KeyType type() {
            return type;
        }

        /** The blind index key is never rotated: a new version would make every stored index unfindable. */
        public boolean rotatable() {
            return rotatable;
        }
    }

    public String logicalName(Purpose purpose) {
        return switch (purpose) {
            case ENCRYPTION -> phi;
            case BLIND_INDEX -> blindIndex;
            case AUDIT_HMAC -> auditHmac;
            case SIGNING -> signing;
        };
    }

    public Optional<Purpose> purposeOf(String logicalName) {
        return Arrays.stream(Purpose.values())
                .filter(p -> logicalName(p).equals(logicalName))
                .findFirst();
    }

    /** The provider key name of the tenant's logical key. */
    public String providerName(Purpose purpose, String tenant) {
        return logicalName(purpose) + "." + checkedTenant(tenant);
    }

    private static String checkedTenant(String tenant) {
        if (!TENANT.matcher(tenant).matches()) {
            // The tenant becomes part of a Vault path: anything outside this alphabet could reach another key.
            throw new ProblemException(
                    403, "Forbidden", "the token's tenant is not a valid tenant identifier ([a-z0-9_-], 1-63)");
        }
        return tenant;
    }
}
