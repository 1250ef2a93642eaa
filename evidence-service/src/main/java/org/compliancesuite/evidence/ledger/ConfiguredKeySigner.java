package org.compliancesuite.evidence.ledger;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Signs with an Ed25519 key pair from configuration ({@code CHECKPOINT_PRIVATE_KEY_LOCATION} and {@code
 * CHECKPOINT_PUBLIC_KEY_LOCATION}, PEM files or classpath resources). There is no built-in key: a deployment that
 * signs locally must provide one.
 */
final class ConfiguredKeySigner implements CheckpointSigner {

    static final String SIGNER = "config";
    static final String ALGORITHM = "ed25519";

    private final PrivateKey privateKey;
    private final String publicKeyPem;
    private final String keyId;

    ConfiguredKeySigner(String privateKeyLocation, String publicKeyLocation) {
        try {
            this.privateKey = Signatures.privateKey(Signatures.readPem(privateKeyLocation), "Ed25519");
            this.publicKeyPem = Signatures.normalisedPem(Signatures.readPem(publicKeyLocation));
            Signatures.publicKey(publicKeyPem, "Ed25519");
            this.keyId = Signatures.configuredKeyId(publicKeyPem);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the checkpoint key pair is not a PEM Ed25519 key pair", e);
        }
    }

    @Override
    public Signed sign(String tenant, byte[] statement) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(statement);
            String value = Base64.getEncoder().encodeToString(signature.sign());
            if (!Signatures.verify(ALGORITHM, publicKeyPem, statement, value)) {
                throw new IllegalStateException("the configured public key does not match the private key");
            }
            return new Signed(SIGNER, ALGORITHM, keyId, value, publicKeyPem);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("checkpoint signing failed", e);
        }
    }
}
