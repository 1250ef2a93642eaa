package org.compliancesuite.vault.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.vault.testing.CheckpointStatements;
import org.compliancesuite.vault.testing.TransitTestResource;
import org.junit.jupiter.api.Test;

/** The local provider as `./suite up` runs it: no Vault is contacted, the API behaves the same. */
@QuarkusTest
@TestProfile(LocalProviderTest.Local.class)
class LocalProviderTest {

    public static class Local implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "vault.key-provider", "local",
                    "vault.key-mode", "direct",
                    "vault.local.master-key", Base64.getEncoder().encodeToString(new byte[32]));
        }
    }

    @Inject
    KeyProvider provider;

    private static String encrypt(String record) {
        return given().auth()
                .oauth2(TestTokens.token("local", Roles.PHI_ENCRYPTOR))
                .contentType(ContentType.JSON)
                .body(Map.of("plaintext", Base64.getEncoder().encodeToString("Dana".getBytes()), "record", record))
                .when()
                .post("/api/v1/phi/encrypt")
                .then()
                .statusCode(200)
                .body("mode", equalTo("direct"))
                .body("ciphertext", startsWith("cs1:d:phi:"))
                .extract()
                .path("ciphertext");
    }

    private static io.restassured.response.ValidatableResponse decrypt(String ciphertext, String record) {
        return given().auth()
                .oauth2(TestTokens.token("local", Roles.PHI_READER))
                .header("X-Purpose-Of-Use", "operations")
                .contentType(ContentType.JSON)
                .body(Map.of("ciphertext", ciphertext, "record", record))
                .when()
                .post("/api/v1/phi/decrypt")
                .then();
    }

    @Test
    void localProviderEncryptsRotatesRetiresAndSignsWithoutVault() {
        assertInstanceOf(LocalKeyProvider.class, provider);
        long vaultCalls = TransitTestResource.server().calls("encrypt")
                + TransitTestResource.server().calls("keys");

        String v1 = encrypt("patient/40");
        decrypt(v1, "patient/40")
                .statusCode(200)
                .body("plaintext", equalTo(Base64.getEncoder().encodeToString("Dana".getBytes())));
        decrypt(v1, "patient/41").statusCode(422);

        String officer = TestTokens.token("local", Roles.SECURITY_OFFICER);
        given().auth()
                .oauth2(officer)
                .when()
                .post("/api/v1/keys/phi/rotate")
                .then()
                .statusCode(200)
                .body("latestVersion", equalTo(2));
        String v2 = encrypt("patient/40");
        given().auth()
                .oauth2(officer)
                .contentType(ContentType.JSON)
                .body(Map.of("minDecryptionVersion", 2))
                .when()
                .put("/api/v1/keys/phi/config")
                .then()
                .statusCode(200);
        decrypt(v1, "patient/40").statusCode(422).body("detail", containsString("minimum decryption version"));
        decrypt(v2, "patient/40").statusCode(200);

        given().auth()
                .oauth2(TestTokens.token("local", Roles.GRC_ADMIN))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "input",
                        Base64.getEncoder()
                                .encodeToString(CheckpointStatements.statement("local", 1)
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .when()
                .post("/api/v1/signatures")
                .then()
                .statusCode(200)
                .body("algorithm", equalTo("ed25519"));
        given().when().get("/q/health/ready").then().statusCode(200);
        assertEquals(
                vaultCalls,
                TransitTestResource.server().calls("encrypt")
                        + TransitTestResource.server().calls("keys"));
    }

    @Inject
    EntityManager em;

    @Test
    void concurrentEncryptionsAfterTheAutoRotationPeriodRotateOnce() throws Exception {
        String name = "phi.local-autorotate";
        provider.ensureKey(name, KeyProvider.KeyType.AES256_GCM96);
        provider.configure(name, null, Duration.ofHours(1));
        // the latest version is two hours old: due now, while its successor will not be due for an hour, however
        // slowly the callers below run
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("UPDATE local_key_version SET created_at = created_at - interval"
                                + " '2 hours' WHERE name = ?1")
                        .setParameter(1, name)
                        .executeUpdate());
        ExecutorService callers = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<KeyProvider.ProviderCiphertext>> sealed = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sealed.add(callers.submit(() -> {
                start.await();
                return provider.encrypt(name, new byte[] {1}, null);
            }));
        }
        start.countDown();
        for (Future<KeyProvider.ProviderCiphertext> s : sealed) {
            assertEquals(2, s.get(30, TimeUnit.SECONDS).version());
        }
        callers.shutdown();
        assertEquals(2, provider.read(name).orElseThrow().latestVersion(), "one rotation, not one per caller");
        assertEquals(2, provider.read(name).orElseThrow().versions().size());
    }

    @Test
    void aKeyVersionIsRotatedBeforeItsSealBudgetIsExceeded() {
        byte[] master = new byte[32];
        LocalKeyProvider small = new LocalKeyProvider(em, master, 10, 4);
        String name = "phi.local-budget";
        small.ensureKey(name, KeyProvider.KeyType.AES256_GCM96);
        List<KeyProvider.ProviderCiphertext> sealed = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sealed.add(small.encrypt(name, new byte[] {(byte) i}, null));
        }
        // ten seals under version 1 (the limit), then version 2 takes over by itself
        for (int i = 0; i < 12; i++) {
            assertEquals(i < 10 ? 1 : 2, sealed.get(i).version(), "seal " + i);
            assertEquals(i, small.decrypt(name, sealed.get(i), null)[0]);
        }
        long reserved = QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(
                                        "SELECT reserved_seals FROM local_key_version WHERE name = ?1 AND version = 1")
                                .setParameter(1, name)
                                .getSingleResult())
                        .longValue());
        assertTrue(reserved >= 10, "reserved " + reserved);
        // another replica (or a restart) cannot reuse what was reserved: it starts on the version with budget left
        LocalKeyProvider replica = new LocalKeyProvider(em, master, 10, 4);
        assertEquals(2, replica.encrypt(name, new byte[] {42}, null).version());
    }

    @Test
    void aKnownKeyCostsNoStatementToEnsure() throws Exception {
        String name = "phi.local-ensured";
        provider.ensureKey(name, KeyProvider.KeyType.AES256_GCM96);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // while the table is locked against writes, an INSERT ... ON CONFLICT would wait; a cached key does not
        Thread holder = Thread.ofPlatform()
                .start(() -> QuarkusTransaction.requiringNew().run(() -> {
                    em.createNativeQuery("LOCK TABLE local_key IN EXCLUSIVE MODE")
                            .executeUpdate();
                    locked.countDown();
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        assertTrue(locked.await(10, TimeUnit.SECONDS));
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<?> ensured = caller.submit(() -> provider.ensureKey(name, KeyProvider.KeyType.AES256_GCM96));
            ensured.get(3, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            holder.join();
            caller.shutdown();
        }
    }
}
