package org.compliancesuite.vault.contract;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.http.jdk.JDKVaultHttpClient;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.vault.keys.CryptoFailure;
import org.compliancesuite.vault.keys.KeyInfo;
import org.compliancesuite.vault.keys.KeyProvider;
import org.compliancesuite.vault.keys.KeyProvider.ProviderCiphertext;
import org.compliancesuite.vault.keys.TransitKeyProvider;
import org.compliancesuite.vault.phi.FieldCipher;
import org.compliancesuite.vault.phi.FieldCiphertext.Mode;
import org.compliancesuite.vault.phi.FieldContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Transit behaviour vault-service relies on, run against the test server and, when VAULT_ADDR and VAULT_TOKEN are
 * set, against a real Vault: if the test server ever drifts from Vault, the real-Vault run shows where. Two levels:
 * the provider calls themselves, and the REST behaviours that depend on Transit (mode crossover, per-item errors in
 * order, rewrap to the latest version, minimum decryption version, crypto-shredding), with the service pointed at the
 * same Vault.
 */
abstract class TransitContractCases {

    private static final byte[] AAD = "{\"record\":\"patient/1\"}".getBytes(StandardCharsets.UTF_8);

    private KeyProvider transit;
    private String suffix;

    @Inject
    FieldCipher cipher;

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
        KeyProvider.Mac first = transit.hmac(key, 1, input);
        assertEquals(32, first.value().length);
        assertEquals(1, first.version());
        assertArrayEquals(first.value(), transit.hmac(key, 1, input).value());
        assertFalse(HexFormat.of()
                .formatHex(first.value())
                .equals(HexFormat.of()
                        .formatHex(transit.hmac(key("hmac-other", KeyProvider.KeyType.AES256_GCM96), 1, input)
                                .value())));
    }

    @Test
    void hmacPinnedToAVersionSurvivesRotation() {
        String key = key("hmac-pinned", KeyProvider.KeyType.AES256_GCM96);
        byte[] input = "ssn\n123456789".getBytes(StandardCharsets.UTF_8);
        KeyProvider.Mac before = transit.hmac(key, 1, input);
        transit.rotate(key);
        KeyProvider.Mac after = transit.hmac(key, 1, input);
        assertEquals(1, after.version());
        assertArrayEquals(before.value(), after.value());
        assertThrows(CryptoFailure.class, () -> transit.hmac(key, 3, input));
    }

    @Test
    void autoRotationPeriodIsAtLeastAnHour() {
        String key = key("period", KeyProvider.KeyType.AES256_GCM96);
        assertThrows(CryptoFailure.class, () -> transit.configure(key, null, Duration.ofMinutes(30)));
        transit.configure(key, null, Duration.ofHours(1));
        assertEquals(Duration.ofHours(1), transit.read(key).orElseThrow().autoRotatePeriod());
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

    // --- REST behaviours that depend on Transit, through the service configured for the same Vault ----------------

    private String tenant() {
        return "contract-" + suffix;
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private String restEncrypt(Map<String, ?> body) {
        return given().auth()
                .oauth2(TestTokens.token(tenant(), Roles.PHI_ENCRYPTOR))
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v1/phi/encrypt")
                .then()
                .statusCode(200)
                .extract()
                .path("ciphertext");
    }

    private ValidatableResponse restDecrypt(Map<String, ?> body) {
        return given().auth()
                .oauth2(TestTokens.token(tenant(), Roles.PHI_READER))
                .header("X-Purpose-Of-Use", "treatment")
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v1/phi/decrypt")
                .then();
    }

    private ValidatableResponse asOfficer(String method, String path, Map<String, ?> body) {
        var request = given().auth().oauth2(TestTokens.token(tenant(), Roles.SECURITY_OFFICER));
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.when().request(method, path).then();
    }

    @Test
    void restEachModeDecryptsWhatTheOtherWrote() {
        FieldContext context = new FieldContext(tenant(), "patient/c1", "name");
        String direct = QuarkusTransaction.requiringNew()
                .call(() -> cipher.encrypt(Mode.DIRECT, context, "Bob".getBytes(StandardCharsets.UTF_8), null)
                        .format());
        String envelope = QuarkusTransaction.requiringNew()
                .call(() -> cipher.encrypt(Mode.ENVELOPE, context, "Bob".getBytes(StandardCharsets.UTF_8), null)
                        .format());
        assertTrue(direct.startsWith("cs1:d:phi:"));
        assertTrue(envelope.startsWith("cs1:e:phi:"));
        for (String ciphertext : List.of(direct, envelope)) {
            restDecrypt(Map.of("ciphertext", ciphertext, "record", "patient/c1", "field", "name"))
                    .statusCode(200)
                    .body("plaintext", equalTo(b64("Bob")));
            restDecrypt(Map.of("ciphertext", ciphertext, "record", "patient/c2", "field", "name"))
                    .statusCode(422);
        }
    }

    @Test
    void restBatchAnswersPerItemInInputOrder() {
        String good = restEncrypt(Map.of("plaintext", b64("Jane"), "record", "patient/c3", "field", "name"));
        restDecrypt(Map.of(
                        "items",
                        List.of(
                                Map.of("ciphertext", good, "record", "patient/c3", "field", "name"),
                                Map.of("ciphertext", good, "record", "patient/c4", "field", "name"),
                                Map.of("ciphertext", "cs1:d:phi:1:-:!!!!"),
                                Map.of("ciphertext", good, "record", "patient/c3", "field", "name"))))
                .statusCode(200)
                .body("items.index", contains(0, 1, 2, 3))
                .body("items[0].plaintext", equalTo(b64("Jane")))
                .body("items[1].error.code", equalTo("not-authentic"))
                .body("items[2].error.status", equalTo(400))
                .body("items[3].plaintext", equalTo(b64("Jane")));
    }

    @Test
    void restRewrapMovesToTheLatestVersionAndTheMinimumRetiresOlderOnes() {
        FieldContext context = new FieldContext(tenant(), "patient/c5", "ssn");
        String envelope = restEncrypt(Map.of("plaintext", b64("old"), "record", "patient/c5", "field", "ssn"));
        String direct = QuarkusTransaction.requiringNew()
                .call(() -> cipher.encrypt(Mode.DIRECT, context, "old".getBytes(StandardCharsets.UTF_8), null)
                        .format());
        asOfficer("POST", "/api/v1/keys/phi/rotate", null).statusCode(200).body("latestVersion", equalTo(2));
        List<String> moved = given().auth()
                .oauth2(TestTokens.token(tenant(), Roles.PHI_ENCRYPTOR))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "items",
                        List.of(
                                Map.of("ciphertext", envelope, "record", "patient/c5", "field", "ssn"),
                                Map.of("ciphertext", direct, "record", "patient/c5", "field", "ssn"))))
                .when()
                .post("/api/v1/phi/rewrap")
                .then()
                .statusCode(200)
                .body("items.keyVersion", contains(2, 2))
                .body("items.plaintext", everyItem(nullValue()))
                .extract()
                .path("items.ciphertext");
        asOfficer("PUT", "/api/v1/keys/phi/config", Map.of("minDecryptionVersion", 2))
                .statusCode(200)
                .body("minDecryptionVersion", equalTo(2));
        for (String old : List.of(envelope, direct)) {
            restDecrypt(Map.of("ciphertext", old, "record", "patient/c5", "field", "ssn"))
                    .statusCode(422)
                    .body("detail", containsString("minimum decryption version"));
        }
        for (String renewed : moved) {
            restDecrypt(Map.of("ciphertext", renewed, "record", "patient/c5", "field", "ssn"))
                    .statusCode(200)
                    .body("plaintext", equalTo(b64("old")))
                    .body("keyVersion", equalTo(2));
        }
    }

    @Test
    void restShreddingMakesTheSubjectUndecryptableAndRefusesNewData() {
        String ciphertext = restEncrypt(
                Map.of("plaintext", b64("dx"), "record", "patient/c6", "field", "dx", "dataSubject", "person-c6"));
        restDecrypt(Map.of("ciphertext", ciphertext, "record", "patient/c6", "field", "dx"))
                .statusCode(200);
        asOfficer("POST", "/api/v1/phi/subjects/shred", Map.of("dataSubject", "person-c6", "reason", "erasure"))
                .statusCode(200);
        restDecrypt(Map.of("ciphertext", ciphertext, "record", "patient/c6", "field", "dx"))
                .statusCode(422)
                .body("detail", containsString("crypto-shredded"));
        given().auth()
                .oauth2(TestTokens.token(tenant(), Roles.PHI_ENCRYPTOR))
                .contentType(ContentType.JSON)
                .body(Map.of("plaintext", b64("more"), "dataSubject", "person-c6"))
                .when()
                .post("/api/v1/phi/encrypt")
                .then()
                .statusCode(409);
    }
}
