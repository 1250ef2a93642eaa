package org.compliancesuite.evidence.ledger;

import java.util.Base64;
import org.compliancesuite.evidence.upstream.UpstreamFailure;
import org.compliancesuite.evidence.upstream.VaultClient;

/** Signs through vault-service, which signs with its Vault Transit key; the private key never leaves Vault. */
final class VaultServiceSigner implements CheckpointSigner {

    static final String SERVICE = "vault-service";

    private final VaultClient vault;

    VaultServiceSigner(VaultClient vault) {
        this.vault = vault;
    }

    @Override
    public Signed sign(byte[] payload) {
        try {
            VaultClient.Signature signature = vault.sign(
                    new VaultClient.SignatureRequest(Base64.getEncoder().encodeToString(payload)));
            VaultClient.PublicKey key = vault.publicKey();
            return new Signed(
                    SERVICE,
                    signature.algorithm(),
                    signature.keyName() + ":" + signature.keyVersion(),
                    signature.signature(),
                    key.publicKeyPem());
        } catch (RuntimeException e) {
            throw UpstreamFailure.unavailable(SERVICE, e);
        }
    }
}
