package org.compliancesuite.evidence.ledger;

import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import java.util.Base64;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.evidence.upstream.UpstreamFailure;
import org.compliancesuite.evidence.upstream.VaultClient;

/**
 * Signs through vault-service, which signs with the tenant's Vault Transit key; the private key never leaves Vault.
 * The signature is checked at once against the public key vault-service gives for the version that signed, so a
 * checkpoint that verification would reject is never stored.
 */
final class VaultServiceSigner implements CheckpointSigner {

    static final String SERVICE = "vault-service";

    private final VaultClient vault;
    private final CheckpointTrust trust;

    VaultServiceSigner(VaultClient vault, CheckpointTrust trust) {
        this.vault = vault;
        this.trust = trust;
    }

    @Override
    public Signed sign(String tenant, byte[] statement) {
        VaultClient.Signature signature;
        try {
            signature = vault.sign(
                    new VaultClient.SignatureRequest(Base64.getEncoder().encodeToString(statement)));
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 409) {
                // vault-service witnessed another head at this sequence: the chain was rewritten or lost entries
                Log.warnf(
                        "vault-service refused to sign tenant %s's head: it signed another head at that sequence",
                        tenant);
                throw ProblemException.conflict("vault-service already signed this sequence of the ledger with another"
                        + " head hash: the chain differs from what it witnessed; verify the ledger");
            }
            throw UpstreamFailure.unavailable(SERVICE, e);
        } catch (RuntimeException e) {
            throw UpstreamFailure.unavailable(SERVICE, e);
        }
        String keyId = signature.keyName() + ":" + signature.keyVersion();
        CheckpointTrust.TrustedKey key = trust.vaultKey(tenant, keyId)
                .orElseThrow(() -> UpstreamFailure.unavailable(
                        SERVICE, new IllegalStateException("no public key for the signing key version")));
        if (!Signatures.verify(key.algorithm(), key.publicKeyPem(), statement, signature.signature())) {
            throw UpstreamFailure.unavailable(
                    SERVICE, new IllegalStateException("the signature does not verify with the key's public key"));
        }
        return new Signed(SERVICE, key.algorithm(), keyId, signature.signature(), key.publicKeyPem());
    }
}
