package org.compliancesuite.evidence.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import org.compliancesuite.common.chain.HashChain;

/**
 * Signs with an Ed25519 key pair from configuration ({@code CHECKPOINT_PRIVATE_KEY_LOCATION} and {@code
 * CHECKPOINT_PUBLIC_KEY_LOCATION}, PEM files or classpath resources). There is no built-in key: a deployment that
 * signs locally must provide one.
 */
final class ConfiguredKeySigner implements CheckpointSigner {

    private final PrivateKey privateKey;
    private final String publicKeyPem;
    private final String keyId;

    ConfiguredKeySigner(String privateKeyLocation, String publicKeyLocation) {
        try {
            this.privateKey = Signatures.privateKey(read(privateKeyLocation), "Ed25519");
            this.publicKeyPem = read(publicKeyLocation).strip() + "\n";
            Signatures.publicKey(publicKeyPem, "Ed25519");
            this.keyId = "ed25519:"
                    + HashChain.sha256Hex(publicKeyPem.getBytes(StandardCharsets.UTF_8))
                            .substring(0, 16);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the checkpoint key pair is not a PEM Ed25519 key pair", e);
        }
    }

    @Override
    public Signed sign(byte[] payload) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(payload);
            String value = Base64.getEncoder().encodeToString(signature.sign());
            if (!Signatures.verify("ed25519", publicKeyPem, payload, value)) {
                throw new IllegalStateException("the configured public key does not match the private key");
            }
            return new Signed("config", "ed25519", keyId, value, publicKeyPem);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("checkpoint signing failed", e);
        }
    }

    private static String read(String location) {
        try {
            Path path = Path.of(location);
            if (Files.isRegularFile(path)) {
                return Files.readString(path);
            }
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(location)) {
                if (in == null) {
                    throw new IllegalStateException("checkpoint key not found at " + location);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalStateException("checkpoint key unreadable at " + location, e);
        }
    }
}
