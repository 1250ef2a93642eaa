package org.compliancesuite.vault.phi;

import java.util.UUID;
import org.compliancesuite.vault.keys.CryptoFailure;
import org.compliancesuite.vault.keys.KeyProvider.ProviderCiphertext;

/**
 * The self-describing ciphertext of one field. Text form, fields separated by colons:
 *
 * <pre>
 * cs1:d:&lt;key&gt;:&lt;version&gt;:&lt;subjectKey|-&gt;:&lt;transit body&gt;                 direct
 * cs1:e:&lt;key&gt;:&lt;version&gt;:&lt;subjectKey|-&gt;:&lt;wrapped data key&gt;:&lt;sealed&gt;   envelope
 * </pre>
 *
 * {@code key} is the logical key name (the tenant comes from the caller's token), {@code version} the provider key
 * version that encrypted the field (direct) or wrapped the data key (envelope), {@code subjectKey} the id of the data
 * subject's crypto-shredding key. Bodies are standard base64: the Transit ciphertext without its {@code vault:vN:}
 * prefix, and the AES-256-GCM nonce, ciphertext and tag.
 */
public record FieldCiphertext(
        Mode mode, String keyName, int keyVersion, UUID subjectKey, String wrappedKey, String body) {

    static final String PREFIX = "cs1";

    public enum Mode {
        DIRECT("d"),
        ENVELOPE("e");

        private final String code;

        Mode(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public ProviderCiphertext transit() {
        return new ProviderCiphertext(keyVersion, body);
    }

    public ProviderCiphertext wrapped() {
        return new ProviderCiphertext(keyVersion, wrappedKey);
    }

    public String format() {
        String subject = subjectKey == null ? "-" : subjectKey.toString();
        String head = PREFIX + ":" + mode.code() + ":" + keyName + ":" + keyVersion + ":" + subject + ":";
        return mode == Mode.DIRECT ? head + body : head + wrappedKey + ":" + body;
    }

    public static FieldCiphertext parse(String text) {
        if (text == null || text.isBlank()) {
            throw CryptoFailure.malformed("the ciphertext is empty");
        }
        String[] parts = text.split(":", -1);
        if (parts.length < 6 || !PREFIX.equals(parts[0])) {
            throw CryptoFailure.malformed("not a ciphertext of this service (expected cs1:<mode>:...)");
        }
        Mode mode = switch (parts[1]) {
            case "d" -> Mode.DIRECT;
            case "e" -> Mode.ENVELOPE;
            default -> throw CryptoFailure.malformed("unknown ciphertext mode '" + parts[1] + "'");
        };
        int expected = mode == Mode.DIRECT ? 6 : 7;
        if (parts.length != expected) {
            throw CryptoFailure.malformed("the ciphertext is truncated or has extra fields");
        }
        int version;
        try {
            version = Integer.parseInt(parts[3]);
        } catch (NumberFormatException e) {
            throw CryptoFailure.malformed("the ciphertext's key version is not a number");
        }
        if (version < 1) {
            throw CryptoFailure.malformed("the ciphertext's key version must be at least 1");
        }
        UUID subject = null;
        if (!"-".equals(parts[4])) {
            try {
                subject = UUID.fromString(parts[4]);
            } catch (IllegalArgumentException e) {
                throw CryptoFailure.malformed("the ciphertext's data subject key id is malformed");
            }
        }
        String wrapped = mode == Mode.ENVELOPE ? parts[5] : null;
        String body = parts[expected - 1];
        if (body.isEmpty() || (wrapped != null && wrapped.isEmpty())) {
            throw CryptoFailure.malformed("the ciphertext is truncated");
        }
        return new FieldCiphertext(mode, parts[2], version, subject, wrapped, body);
    }
}
