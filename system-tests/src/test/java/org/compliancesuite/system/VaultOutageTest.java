package org.compliancesuite.system;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The Transit server hangs (SIGSTOP) or stops listening (connections refused): encrypt and decrypt answer 503
 * problem+json with Retry-After (or, in envelope mode, are served from a data key still held in memory), readiness goes
 * DOWN, no plaintext leaves without an audit record, and the service resumes on its own, with the same keys, when the
 * server answers again.
 */
@Order(32)
class VaultOutageTest {

    static final String TENANT = "fault-vault";

    @Test
    void encryptAndDecryptAnswer503WithRetryAfterAndResume() throws Exception {
        RunningSuite suite = RunningSuite.get();
        String token = suite.token(TENANT, "phi-encryptor", "phi-reader", "security-officer");
        String vault = RunningSuite.baseUrl("vault");
        long pid = suite.pid("vault");

        Http.Answer before = Http.post(
                vault + "/api/v1/phi/encrypt",
                token,
                Map.of("plaintext", Api.b64("before outage"), "dataSubject", "vo-before"),
                Map.of());
        assertEquals(200, before.status(), "encrypt works before the outage");
        String ciphertext = before.body().path("ciphertext").asText();

        List<String> failures = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        List<String> decryptedSubjects = new ArrayList<>();
        suite.transit().freeze();
        try {
            for (int i = 0; i < 3; i++) {
                Http.Answer enc = Http.post(
                        vault + "/api/v1/phi/encrypt",
                        token,
                        Map.of("plaintext", Api.b64("during " + i), "dataSubject", "vo-during-" + i),
                        Map.of());
                check("encrypt", enc, failures);
                statuses.add(enc.status());
                Http.Answer dec = Http.post(
                        vault + "/api/v1/phi/decrypt",
                        token,
                        Map.of("ciphertext", ciphertext),
                        Map.of("X-Purpose-Of-Use", "treatment"));
                check("decrypt", dec, failures);
                statuses.add(dec.status());
                if (dec.ok()) {
                    decryptedSubjects.add("vo-before");
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ServiceProcess.isReady(vault) && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            Http.Answer ready = Http.get(vault + "/q/health/ready", null);
            if (ready.status() != 503) {
                failures.add("readiness answered " + ready.status() + " while Transit was unreachable");
            }
        } finally {
            suite.transit().thaw();
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Http.Answer after;
        do {
            after = Http.post(
                    vault + "/api/v1/phi/encrypt",
                    token,
                    Map.of("plaintext", Api.b64("after outage"), "dataSubject", "vo-after"),
                    Map.of());
        } while (!after.ok() && System.nanoTime() < deadline && sleep());
        assertEquals(200, after.status(), "encrypt resumes once Transit answers again");
        Api.decrypt(vault, token, after.body().path("ciphertext").asText(), "treatment")
                .then()
                .statusCode(200);
        assertEquals(pid, suite.pid("vault"), "vault-service was not restarted");

        // Every decrypt that returned plaintext during the outage has its audit record.
        int auditedDecrypts = Api.auditByDataSubject(vault, token, "vo-before")
                .then()
                .statusCode(200)
                .extract()
                .path("total");
        assertTrue(auditedDecrypts >= 1 + decryptedSubjects.size(), "one audit record per plaintext returned");
        Api.verifyAudit(vault, token).then().statusCode(200).body("valid", equalTo(true));
        assertTrue(statuses.contains(503), "operations that need Transit answered 503: " + statuses);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void aStoppedTransitServerIs503WithRetryAfterAndServiceResumesWithTheSameKeys() throws Exception {
        RunningSuite suite = RunningSuite.get();
        String token = suite.token(TENANT + "-stop", "phi-encryptor", "phi-reader", "security-officer");
        String vault = RunningSuite.baseUrl("vault");
        long pid = suite.pid("vault");
        Http.Answer before = Http.post(
                vault + "/api/v1/phi/encrypt",
                token,
                Map.of("plaintext", Api.b64("before stop"), "dataSubject", "vs-before"),
                Map.of());
        assertEquals(200, before.status(), "encrypt works before the stop");
        String ciphertext = before.body().path("ciphertext").asText();

        List<String> failures = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        int plaintextsReturned = 0;
        suite.transit().stopListening();
        try {
            for (int i = 0; i < 3; i++) {
                // a new data subject needs a new subject key, which only Transit can wrap: refused connections
                Http.Answer enc = Http.post(
                        vault + "/api/v1/phi/encrypt",
                        token,
                        Map.of("plaintext", Api.b64("while stopped " + i), "dataSubject", "vs-new-" + i),
                        Map.of());
                check("encrypt", enc, failures);
                statuses.add(enc.status());
                Http.Answer dec = Http.post(
                        vault + "/api/v1/phi/decrypt",
                        token,
                        Map.of("ciphertext", ciphertext),
                        Map.of("X-Purpose-Of-Use", "treatment"));
                check("decrypt", dec, failures);
                statuses.add(dec.status());
                if (dec.ok()) {
                    plaintextsReturned++;
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ServiceProcess.isReady(vault) && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            Http.Answer ready = Http.get(vault + "/q/health/ready", null);
            if (ready.status() != 503) {
                failures.add("readiness answered " + ready.status() + " while Transit refused connections");
            }
        } finally {
            suite.transit().startListening();
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Http.Answer after;
        do {
            after = Http.post(
                    vault + "/api/v1/phi/encrypt",
                    token,
                    Map.of("plaintext", Api.b64("after stop"), "dataSubject", "vs-after"),
                    Map.of());
        } while (!after.ok() && System.nanoTime() < deadline && sleep());
        assertEquals(200, after.status(), "encrypt resumes once Transit listens again");
        // the keys survived the stop: what was written before decrypts after
        String plaintext = Api.decrypt(vault, token, ciphertext, "treatment")
                .then()
                .statusCode(200)
                .extract()
                .path("plaintext");
        assertEquals("before stop", Api.unb64(plaintext));
        assertEquals(pid, suite.pid("vault"), "vault-service was not restarted");
        while (!ServiceProcess.isReady(vault) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertTrue(ServiceProcess.isReady(vault), "ready again without a restart");

        int audited = Api.auditByDataSubject(vault, token, "vs-before")
                .then()
                .statusCode(200)
                .extract()
                .path("total");
        // the encryption, every plaintext returned while stopped, and the decrypt after
        assertTrue(audited >= 2 + plaintextsReturned, "one audit record per plaintext returned: " + audited);
        Api.verifyAudit(vault, token).then().statusCode(200).body("valid", equalTo(true));
        assertTrue(statuses.contains(503), "operations that need Transit answered 503: " + statuses);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static void check(String what, Http.Answer answer, List<String> failures) {
        if (answer.ok()) {
            return;
        }
        if (answer.status() != 503 || !answer.contentType().startsWith("application/problem+json")) {
            failures.add(what + " answered " + answer.status() + " " + answer.contentType());
            return;
        }
        String retryAfter = answer.header("Retry-After");
        assertNotNull(retryAfter, what + ": 503 carries Retry-After");
        assertTrue(retryAfter.matches("\\d+"), what + ": Retry-After is a number of seconds");
    }

    private static boolean sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }
}
