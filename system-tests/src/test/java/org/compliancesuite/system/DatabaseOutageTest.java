package org.compliancesuite.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped under load and started again: while it is down, database-backed requests answer 503
 * problem+json and readiness is DOWN; afterwards every service serves again without being restarted.
 */
@Order(31)
class DatabaseOutageTest {

    static final String TENANT = "fault-db";

    @Test
    void servicesAnswer503WhileDatabaseIsDownAndRecoverWithoutRestart() throws Exception {
        RunningSuite suite = RunningSuite.get();
        String token = suite.token(
                TENANT,
                "grc-admin",
                "compliance-manager",
                "auditor",
                "evidence-collector",
                "phi-encryptor",
                "security-officer");
        Map<String, Long> pids = new LinkedHashMap<>();
        RunningSuite.SERVICES.forEach(s -> pids.put(s, suite.pid(s)));
        Map<String, Supplier<Http.Answer>> calls = new LinkedHashMap<>();
        calls.put("catalog", () -> Http.get(RunningSuite.baseUrl("catalog") + "/api/v1/frameworks", token));
        calls.put(
                "evidence",
                () -> Http.post(
                        RunningSuite.baseUrl("evidence") + "/api/v1/evidence",
                        token,
                        Map.of("title", "during outage", "controlIds", List.of("mfa"), "record", Map.of("a", 1)),
                        Map.of()));
        calls.put(
                "vault",
                () -> Http.post(
                        RunningSuite.baseUrl("vault") + "/api/v1/phi/encrypt",
                        token,
                        Map.of("plaintext", Api.b64("value"), "dataSubject", "db-outage"),
                        Map.of()));
        calls.put("reporting", () -> Http.get(RunningSuite.baseUrl("reporting") + "/api/v1/dashboard", token));
        for (Map.Entry<String, Supplier<Http.Answer>> call : calls.entrySet()) {
            assertTrue(call.getValue().get().ok(), call.getKey() + " serves before the outage");
        }

        List<String> failures = new ArrayList<>();
        Writers load = new Writers(
                4,
                TENANT,
                token,
                token,
                List.of(RunningSuite.baseUrl("evidence")),
                List.of(RunningSuite.baseUrl("vault")));
        try {
            postgres("stop");
            for (Map.Entry<String, Supplier<Http.Answer>> call : calls.entrySet()) {
                Http.Answer answer = call.getValue().get();
                // reporting may name the upstream that failed first (502) instead of its own database (503)
                boolean unavailable =
                        answer.status() == 503 || ("reporting".equals(call.getKey()) && answer.status() == 502);
                if (!unavailable || !answer.contentType().startsWith("application/problem+json")) {
                    failures.add(call.getKey() + " answered " + answer.status() + " " + answer.contentType()
                            + " while PostgreSQL was down");
                }
            }
            for (String service : RunningSuite.SERVICES) {
                Http.Answer ready = Http.get(RunningSuite.baseUrl(service) + "/q/health/ready", null);
                if (ready.status() != 503
                        || !"DOWN".equals(ready.body().path("status").asText())) {
                    failures.add(service + " readiness " + ready.status() + " while PostgreSQL was down");
                }
            }
        } finally {
            postgres("start");
            load.close();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (Map.Entry<String, Supplier<Http.Answer>> call : calls.entrySet()) {
            while (!call.getValue().get().ok() && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertTrue(call.getValue().get().ok(), call.getKey() + " serves again after PostgreSQL is back");
            // readiness is polled by the platform; it must come back within the same deadline, without a restart
            while (!ServiceProcess.isReady(RunningSuite.baseUrl(call.getKey())) && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertTrue(ServiceProcess.isReady(RunningSuite.baseUrl(call.getKey())), call.getKey() + " ready again");
        }
        RunningSuite.SERVICES.forEach(s -> assertEquals(pids.get(s), suite.pid(s), s + " was not restarted"));
        assertTrue(
                load.statuses.stream().noneMatch(s -> s >= 500 && s != 503 && s != 502),
                "failures under load were 503 (or 502 from an upstream), never another 5xx: " + load.statuses);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /**
     * {@code pg_ctlcluster VERSION NAME stop|start} on the first cluster {@code pg_lsclusters} lists, the one
     * {@code ./suite db} starts; the test always starts it again in a finally block.
     */
    static void postgres(String action) throws IOException, InterruptedException {
        String[] cluster = exec(List.of("pg_lsclusters", "-h"))
                .lines()
                .findFirst()
                .map(line -> line.trim().split("\\s+"))
                .orElseThrow(() -> new IOException("pg_lsclusters lists no PostgreSQL cluster"));
        List<String> command = new ArrayList<>(List.of("pg_ctlcluster", cluster[0], cluster[1], action));
        if ("stop".equals(action)) {
            command.addAll(List.of("-m", "fast"));
        }
        exec(command);
    }

    private static String exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
