package org.compliancesuite.vault.phi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Base64;
import org.compliancesuite.vault.keys.AesGcm;
import org.compliancesuite.vault.keys.CryptoFailure;
import org.compliancesuite.vault.keys.KeyNames;
import org.compliancesuite.vault.keys.KeyProvider;
import org.compliancesuite.vault.keys.KeyProvider.DataKey;
import org.compliancesuite.vault.keys.KeyProvider.ProviderCiphertext;
import org.compliancesuite.vault.keys.KeyRing;
import org.compliancesuite.vault.phi.FieldCiphertext.Mode;
import org.compliancesuite.vault.phi.SubjectKeys.SubjectKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Encrypts and decrypts one field in either mode. Encryption uses the instance's KEY_MODE; decryption and rewrap
 * follow the mode written in the ciphertext, so a mode change never strands data.
 */
@ApplicationScoped
public class FieldCipher {

    @Inject
    KeyProvider provider;

    @Inject
    KeyRing keys;

    @Inject
    KeyNames names;

    @Inject
    DataKeyCache dataKeys;

    @ConfigProperty(name = "vault.key-mode")
    String keyMode;

    public Mode mode() {
        return switch (keyMode) {
            case "direct" -> Mode.DIRECT;
            case "envelope" -> Mode.ENVELOPE;
            default -> throw new IllegalStateException("KEY_MODE must be 'direct' or 'envelope'");
        };
    }

    public FieldCiphertext encrypt(FieldContext context, byte[] plaintext, SubjectKey subject) {
        return encrypt(mode(), context, plaintext, subject);
    }

    /**
     * Encrypts in the given mode. In production the mode is the instance's KEY_MODE; another is chosen only by the
     * tests that check that each mode decrypts what the other wrote, against the test server and a real Vault.
     */
    public FieldCiphertext encrypt(Mode mode, FieldContext context, byte[] plaintext, SubjectKey subject) {
        String logical = names.logicalName(KeyNames.Purpose.ENCRYPTION);
        String providerKey = keys.key(KeyNames.Purpose.ENCRYPTION, context.tenant());
        byte[] aad = context.associatedData(mode, logical, subject == null ? null : subject.id());
        byte[] inner = subject == null ? plaintext : AesGcm.seal(subject.key(), plaintext, aad);
        if (mode == Mode.DIRECT) {
            ProviderCiphertext sealed = provider.encrypt(providerKey, inner, aad);
            return new FieldCiphertext(
                    mode, logical, sealed.version(), subject == null ? null : subject.id(), null, sealed.body());
        }
        DataKey dataKey = dataKeys.forEncryption(providerKey, () -> provider.dataKey(providerKey));
        byte[] sealed = AesGcm.seal(dataKey.plaintext(), inner, aad);
        return new FieldCiphertext(
                mode,
                logical,
                dataKey.wrapped().version(),
                subject == null ? null : subject.id(),
                dataKey.wrapped().body(),
                Base64.getEncoder().encodeToString(sealed));
    }

    /** Decrypts a parsed ciphertext of the caller's tenant; {@code subject} is the key it names, if any. */
    public byte[] decrypt(FieldContext context, FieldCiphertext ciphertext, SubjectKey subject) {
        String providerKey = checkedKey(context, ciphertext);
        byte[] aad = context.associatedData(ciphertext.mode(), ciphertext.keyName(), ciphertext.subjectKey());
        byte[] inner;
        if (ciphertext.mode() == Mode.DIRECT) {
            inner = provider.decrypt(providerKey, ciphertext.transit(), aad);
        } else {
            byte[] dataKey = dataKeys.forDecryption(
                    providerKey,
                    ciphertext.keyVersion(),
                    ciphertext.wrappedKey(),
                    () -> provider.decrypt(providerKey, ciphertext.wrapped(), null));
            inner = AesGcm.open(dataKey, decode(ciphertext.body()), aad);
        }
        return subject == null ? inner : AesGcm.open(subject.key(), inner, aad);
    }

    /**
     * Moves a ciphertext to the latest key version without returning its plaintext. The ciphertext is authenticated
     * first, with its record and field, even when it is already at the latest version: a tampered ciphertext, or one
     * copied from another record, is refused instead of being given a fresh key version. Envelope: the data key is
     * unwrapped and the field opened to check its tag (the plaintext is wiped at once), then only the wrapped data key
     * is rewrapped by the provider. Direct: Transit's rewrap takes no associated data, so the field is decrypted and
     * encrypted again inside the service, with the same binding.
     */
    public FieldCiphertext rewrap(FieldContext context, FieldCiphertext ciphertext) {
        String providerKey = checkedKey(context, ciphertext);
        int latest = keys.info(KeyNames.Purpose.ENCRYPTION, context.tenant()).latestVersion();
        byte[] aad = context.associatedData(ciphertext.mode(), ciphertext.keyName(), ciphertext.subjectKey());
        if (ciphertext.mode() == Mode.ENVELOPE) {
            byte[] dataKey = dataKeys.forDecryption(
                    providerKey,
                    ciphertext.keyVersion(),
                    ciphertext.wrappedKey(),
                    () -> provider.decrypt(providerKey, ciphertext.wrapped(), null));
            Arrays.fill(AesGcm.open(dataKey, decode(ciphertext.body()), aad), (byte) 0);
            if (ciphertext.keyVersion() >= latest) {
                return ciphertext;
            }
            ProviderCiphertext moved = provider.rewrap(providerKey, ciphertext.wrapped());
            return new FieldCiphertext(
                    Mode.ENVELOPE,
                    ciphertext.keyName(),
                    moved.version(),
                    ciphertext.subjectKey(),
                    moved.body(),
                    ciphertext.body());
        }
        byte[] inner = provider.decrypt(providerKey, ciphertext.transit(), aad);
        try {
            if (ciphertext.keyVersion() >= latest) {
                return ciphertext;
            }
            ProviderCiphertext sealed = provider.encrypt(providerKey, inner, aad);
            return new FieldCiphertext(
                    Mode.DIRECT, ciphertext.keyName(), sealed.version(), ciphertext.subjectKey(), null, sealed.body());
        } finally {
            Arrays.fill(inner, (byte) 0);
        }
    }

    private String checkedKey(FieldContext context, FieldCiphertext ciphertext) {
        if (!names.logicalName(KeyNames.Purpose.ENCRYPTION).equals(ciphertext.keyName())) {
            throw CryptoFailure.unknownKey(ciphertext.keyName());
        }
        keys.checkDecryptable(KeyNames.Purpose.ENCRYPTION, context.tenant(), ciphertext.keyVersion());
        return keys.key(KeyNames.Purpose.ENCRYPTION, context.tenant());
    }

    private static byte[] decode(String body) {
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw CryptoFailure.malformed("the ciphertext body is not valid base64");
        }
    }
}
