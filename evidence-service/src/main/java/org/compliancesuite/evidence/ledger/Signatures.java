package org.compliancesuite.evidence.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;
import org.compliancesuite.common.chain.HashChain;

/** Reading PEM keys and checking checkpoint signatures with the JDK alone. */
final class Signatures {

    private Signatures() {}

    static PrivateKey privateKey(String pem, String algorithm) throws GeneralSecurityException {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
    }

    static PublicKey publicKey(String pem, String algorithm) throws GeneralSecurityException {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der(pem)));
    }

    /**
     * Checks a signature made by the configured Ed25519 key or by Vault Transit (ed25519, or ecdsa-p256 with its
     * default ASN.1 encoding). Vault's {@code vault:vN:} prefix is not part of the signature bytes.
     */
    static boolean verify(String algorithm, String publicKeyPem, byte[] payload, String signature) {
        try {
            String name = algorithm.toLowerCase(Locale.ROOT);
            String keyAlgorithm;
            String signatureAlgorithm;
            if (name.contains("ed25519")) {
                keyAlgorithm = "Ed25519";
                signatureAlgorithm = "Ed25519";
            } else if (name.contains("ecdsa")) {
                keyAlgorithm = "EC";
                signatureAlgorithm = "SHA256withECDSA";
            } else {
                return false;
            }
            Signature verifier = Signature.getInstance(signatureAlgorithm);
            verifier.initVerify(publicKey(publicKeyPem, keyAlgorithm));
            verifier.update(payload);
            return verifier.verify(Base64.getDecoder().decode(signatureBytes(signature)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A PEM file or classpath resource, as text. */
    static String readPem(String location) {
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

    static String normalisedPem(String pem) {
        return pem.strip() + "\n";
    }

    /** The key id of a configured Ed25519 key: the first 16 hex digits of the SHA-256 of its normalised PEM. */
    static String configuredKeyId(String publicKeyPem) {
        return "ed25519:"
                + HashChain.sha256Hex(normalisedPem(publicKeyPem).getBytes(StandardCharsets.UTF_8))
                        .substring(0, 16);
    }

    static String signatureBytes(String signature) {
        return signature.startsWith("vault:") ? signature.substring(signature.lastIndexOf(':') + 1) : signature;
    }

    private static byte[] der(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
