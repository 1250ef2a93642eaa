package org.compliancesuite.vault.keys;

import java.time.Duration;
import java.util.Optional;

/**
 * Where keys live and where key operations happen: HashiCorp Vault Transit in production, a PostgreSQL-backed local
 * store for development. Every name passed in is already the tenant-scoped provider key name ({@link KeyNames}).
 *
 * <p>Failures: a refusal about the input (tampered ciphertext, unknown key, version below the minimum) is a
 * {@link CryptoFailure}; an unreachable or sealed provider is a 503 {@code ProblemException}.
 */
public interface KeyProvider {

    /** {@code vault} or {@code local}. */
    String id();

    /** Creates the key if it does not exist yet. */
    void ensureKey(String name, KeyType type);

    /** Encrypts with the latest version, binding the associated data. */
    ProviderCiphertext encrypt(String name, byte[] plaintext, byte[] associatedData);

    byte[] decrypt(String name, ProviderCiphertext ciphertext, byte[] associatedData);

    /** A fresh 256-bit data key: its plaintext for local use and its form wrapped by the named key. */
    DataKey dataKey(String name);

    /** Moves a wrapped value (no associated data) to the latest key version without exposing it. */
    ProviderCiphertext rewrap(String name, ProviderCiphertext ciphertext);

    /** HMAC-SHA256 with the given version of the named key (pinned, so a rotation never changes the result). */
    Mac hmac(String name, int version, byte[] input);

    /** Ed25519 signature with the named key's latest version. */
    Signed sign(String name, byte[] input);

    Optional<KeyInfo> read(String name);

    void rotate(String name);

    void configure(String name, Integer minDecryptionVersion, Duration autoRotatePeriod);

    /** Throws the 503 problem when the provider cannot serve requests (unreachable, sealed). */
    void checkAvailable();

    enum KeyType {
        AES256_GCM96("aes256-gcm96"),
        ED25519("ed25519");

        private final String vaultName;

        KeyType(String vaultName) {
            this.vaultName = vaultName;
        }

        public String vaultName() {
            return vaultName;
        }
    }

    /** A provider ciphertext without its textual prefix: the key version and the base64 body. */
    record ProviderCiphertext(int version, String body) {}

    /** The data key's plaintext must be wiped by the holder once it is no longer used. */
    record DataKey(byte[] plaintext, ProviderCiphertext wrapped) {}

    record Mac(int version, byte[] value) {}

    record Signed(int version, byte[] signature) {}
}
