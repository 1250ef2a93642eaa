package org.compliancesuite.vault.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.http.jdk.JDKVaultHttpClient;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import org.compliancesuite.vault.keys.CryptoFailure;
import org.compliancesuite.vault.keys.KeyInfo;
import org.compliancesuite.vault.keys.KeyProvider;
import org.compliancesuite.vault.keys.KeyProvider.ProviderCiphertext;
import org.compliancesuite.vault.keys.TransitKeyProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Transit behaviour vault-service relies on, run against the test server and, when VAULT_ADDR and VAULT_TOKEN are
 * set, against a real Vault: if the test server ever drifts from Vault, the real-Vault run shows where.
 */
abstract class TransitContractCases {

    private static final byte[] AAD = "{\"record\":\"patient/1\"}".getBytes(StandardCharsets.UTF_8);

    private KeyProvider transit;
    private String suffix;

    protected abstract String vaultAddress();

    protected abstract String vaultToken();

    protected String mount() {
        return "transit";
    }

    @BeforeEach
    void connect() {
        VaultClient client = VaultClient.builder()
                .baseUrl(vaultAddress())
                .clientToken(vaultToken())
                .executor(new JDKVaultHttpClient(HttpClient.newHttpClient()))
                .build();
        transit = new TransitKeyProvider(client, mount(), 5);
        // Real Vault keeps keys (deletion is not allowed by default): every run uses fresh names.
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    private String key(String purpose, KeyProvider.KeyType type) {
        String name = "contract-" + purpose + "." + suffix;
        transit.ensureKey(name, type);
        return name;
    }

    @Test
    void encryptDecryptWithAssociatedData() {
        String key = key("aead", KeyProvider.KeyType.AES256_GCM96);
        ProviderCiphertext sealed = transit.encrypt(key, "PHI".getBytes(StandardCharsets.UTF_8), AAD);
        assertEquals(1, sealed.version());
        assertArrayEquals("PHI".getBytes(StandardCharsets.UTF_8), transit.decrypt(key, sealed, AAD));
        CryptoFailure wrongContext = assertThrows(
                CryptoFailure.class,
                () -> transit.decrypt(key, sealed, "{\"record\":\"patient/2\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("not-authentic", wrongContext.code());
        assertEquals(422, wrongContext.status());
    }

    @Test
    void dataKeysAreWrappedAndUnwrappedByDecrypt() {
        String key = key("datakey", KeyProvider.KeyType.AES256_GCM96);
        KeyProvider.DataKey dataKey = transit.dataKey(key);
        assertEquals(32, dataKey.plaintext().length);
        assertArrayEquals(dataKey.plaintext(), transit.decrypt(key, dataKey.wrapped(), null));
    }

    @Test
    void rotationRewrapAndMinimumDecryptionVersion() {
        String key = key("rotate", KeyProvider.KeyType.AES256_GCM96);
        ProviderCiphertext v1 = transit.encrypt(key, "old".getBytes(StandardCharsets.UTF_8), null);
        transit.rotate(key);
        ProviderCiphertext v2 = transit.rewrap(key, v1);
        assertEquals(2, v2.version());
        transit.configure(key, 2, Duration.ofDays(30));
        KeyInfo info = transit.read(key).orElseThrow();
        assertEquals(2, info.latestVersion());
        assertEquals(2, info.minDecryptionVersion());
        assertEquals(Duration.ofDays(30), info.autoRotatePeriod());
        assertEquals(2, info.versions().size());
        assertTrue(info.versions().values().stream().allMatch(java.util.Objects::nonNull));
        CryptoFailure retired = assertThrows(CryptoFailure.class, () -> transit.decrypt(key, v1, null));
        assertEquals("key-version-retired", retired.code());
        assertArrayEquals("old".getBytes(StandardCharsets.UTF_8), transit.decrypt(key, v2, null));
    }

    @Test
    void hmacIsStableAndKeyed() {
        String key = key("hmac", KeyProvider.KeyType.AES256_GCM96);
        byte[] input = "ssn\n123456789".getBytes(StandardCharsets.UTF_8);
        KeyProvider.Mac first = transit.hmac(key, input);
        assertEquals(32, first.value().length);
        assertArrayEquals(first.value(), transit.hmac(key, input).value());
        assertFalse(HexFormat.of()
                .formatHex(first.value())
                .equals(HexFormat.of()
                        .formatHex(transit.hmac(key("hmac-other", KeyProvider.KeyType.AES256_GCM96), input)
                                .value())));
    }

    @Test
    void ed25519SignaturesVerifyWithThePublishedKey() throws Exception {
        String key = key("sign", KeyProvider.KeyType.ED25519);
        byte[] input = "checkpoint".getBytes(StandardCharsets.UTF_8);
        KeyProvider.Signed signed = transit.sign(key, input);
        byte[] raw = transit.read(key).orElseThrow().publicKeys().get(signed.version());
        byte[] spki = HexFormat.of()
                .parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(raw));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
        verifier.update(input);
        assertTrue(verifier.verify(signed.signature()));
    }

    @Test
    void unknownKeyAndMalformedCiphertext() {
        assertTrue(transit.read("contract-missing." + suffix).isEmpty());
        CryptoFailure unknown = assertThrows(
                CryptoFailure.class,
                () -> transit.decrypt("contract-missing." + suffix, new ProviderCiphertext(1, "AAAA"), null));
        assertEquals(422, unknown.status());
        String key = key("malformed", KeyProvider.KeyType.AES256_GCM96);
        CryptoFailure malformed =
                assertThrows(CryptoFailure.class, () -> transit.decrypt(key, new ProviderCiphertext(1, "!!"), null));
        assertTrue(malformed.status() == 400 || malformed.status() == 422);
    }

    @Test
    void healthIsReported() {
        transit.checkAvailable();
    }
}
