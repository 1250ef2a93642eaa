package org.compliancesuite.vault.keys;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce per message, the nonce carried in front of the ciphertext and tag.
 *
 * <p>With random nonces, NIST SP 800-38D section 8.3 allows at most 2^32 messages per key, which keeps the chance of a
 * repeated nonce (which would expose the authentication key and the XOR of two plaintexts) below 2^-32. How each kind
 * of key used here stays under it:
 *
 * <ul>
 *   <li>Envelope data keys: at most DATA_KEY_MAX_USES fields (default 100,000; refused above 2^32 at start) and at most
 *       DATA_KEY_MAX_AGE, after which the cache takes a new one.
 *   <li>Data subject keys: one message per field stored for that one person; no plausible subject approaches 2^32
 *       fields (that is four billion records of one patient), so they carry no counter.
 *   <li>Local provider key versions (development only): counted in PostgreSQL in reserved blocks and rotated before
 *       2^32 ({@link LocalKeyProvider}), because direct mode seals every field with them.
 *   <li>The local master key: one message per local key version created; it never approaches the bound.
 *   <li>Transit keys: sealed inside Vault, not here; direct mode spends one Vault message per field, so a Transit key
 *       in direct mode needs an auto-rotation period short enough for the field volume (README).
 * </ul>
 */
public final class AesGcm {

    /** NIST SP 800-38D section 8.3: invocations of one key with random 96-bit nonces. */
    public static final long MAX_MESSAGES_PER_KEY = 1L << 32;

    public static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcm() {}

    public static byte[] randomKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    public static byte[] seal(byte[] key, byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            if (associatedData != null) {
                cipher.updateAAD(associatedData);
            }
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by the Java platform", e);
        }
    }

    /** Opens a sealed message; a wrong key, nonce, tag or associated data is a {@link CryptoFailure}. */
    public static byte[] open(byte[] key, byte[] sealed, byte[] associatedData) {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw CryptoFailure.malformed("the ciphertext is truncated");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            if (associatedData != null) {
                cipher.updateAAD(associatedData);
            }
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw CryptoFailure.notAuthentic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by the Java platform", e);
        }
    }
}
