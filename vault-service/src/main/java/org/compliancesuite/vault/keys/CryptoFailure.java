package org.compliancesuite.vault.keys;

/**
 * A refusal caused by the input, not by the system: the ciphertext is tampered or truncated, bound to another
 * context or tenant, names an unknown key, or uses a key version below the minimum. Answered 400 or 422 (per item in
 * a batch) and audited as a denial. The message is safe to show: it never carries key material or data.
 */
public class CryptoFailure extends RuntimeException {

    private final int status;
    private final String code;

    public CryptoFailure(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static CryptoFailure malformed(String message) {
        return new CryptoFailure(400, "malformed-ciphertext", message);
    }

    public static CryptoFailure notAuthentic() {
        return new CryptoFailure(
                422,
                "not-authentic",
                "the ciphertext does not authenticate: it was tampered with or truncated, or it is bound to another"
                        + " record, field or tenant");
    }

    public static CryptoFailure unknownKey(String name) {
        return new CryptoFailure(422, "unknown-key", "unknown key '" + name + "'");
    }

    public static CryptoFailure belowMinimum(int version, int minimum) {
        return new CryptoFailure(
                422,
                "key-version-retired",
                "the ciphertext uses key version " + version + ", below the minimum decryption version " + minimum);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
