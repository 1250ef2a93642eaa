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

    /** Starts an outage of the Transit server, or ends it. */
    interface Step {
        void run() throws Exception;
    }

    @Test
    void aHungTransitServerIs503WithRetryAfterAndServiceResumes() throws Exception {
        TransitServer transit = RunningSuite.get().transit();
        outage(TENANT, transit::freeze, transit::thaw);
    }

    @Test
    void aStoppedTransitServerIs503WithRetryAfterAndServiceResumesWithTheSameKeys() throws Exception {
        TransitServer transit = RunningSuite.get().transit();
        outage(TENANT + "-stop", transit::stopListening, transit::startListening);
    }

    /**
     * Encrypts before the outage, then during it encrypts for new data subjects (a new subject key needs Transit) and
     * decrypts the first ciphertext, waits for readiness to go DOWN, ends the outage and checks that the service
     * resumes without a restart, that the first ciphertext still decrypts and that every plaintext returned has its
     * audit record.
     */
    private static void outage(String tenant, Step begin, Step end) throws Exception {
        RunningSuite suite = RunningSuite.get();
        String token = suite.token(tenant, "phi-encryptor", "phi-reader", "security-officer");
        String vault = RunningSuite.baseUrl("vault");
        long pid = suite.pid("vault");
        String subject = tenant + "-before";
        Http.Answer before = encrypt(vault, token, "before outage", subject);
        assertEquals(200, before.status(), "encrypt works before the outage");
        String ciphertext = before.body().path("ciphertext").asText();

        List<String> failures = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        int plaintextsReturned = 0;
        begin.run();
        try {
            for (int i = 0; i < 3; i++) {
                Http.Answer enc = encrypt(vault, token, "during " + i, tenant + "-during-" + i);
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
                failures.add("readiness answered " + ready.status() + " while Transit was unavailable");
            }
        } finally {
            end.run();
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Http.Answer after;
        do {
            after = encrypt(vault, token, "after outage", tenant + "-after");
        } while (!after.ok() && System.nanoTime() < deadline && sleep());
        assertEquals(200, after.status(), "encrypt resumes once Transit answers again");
        // the keys outlived the outage: what was written before decrypts after
        String plaintext = Api.decrypt(vault, token, ciphertext, "treatment")
                .then()
                .statusCode(200)
                .extract()
                .path("plaintext");
        assertEquals("before outage", Api.unb64(plaintext));
        assertEquals(pid, suite.pid("vault"), "vault-service was not restarted");
        while (!ServiceProcess.isReady(vault) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertTrue(ServiceProcess.isReady(vault), "ready again without a restart");

        // the encryption, each plaintext returned during the outage and the decrypt after, each with its record
        int audited = Api.auditByDataSubject(vault, token, subject)
                .then()
                .statusCode(200)
                .extract()
                .path("total");
        assertTrue(audited >= 2 + plaintextsReturned, "one audit record per plaintext returned: " + audited);
        Api.verifyAudit(vault, token).then().statusCode(200).body("valid", equalTo(true));
        assertTrue(statuses.contains(503), "operations that need Transit answered 503: " + statuses);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static Http.Answer encrypt(String vault, String token, String plaintext, String dataSubject) {
        return Http.post(
                vault + "/api/v1/phi/encrypt",
                token,
                Map.of("plaintext", Api.b64(plaintext), "dataSubject", dataSubject),
                Map.of());
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
