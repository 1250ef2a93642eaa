package org.compliancesuite.system;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Concurrent writers of evidence records and PHI encryptions that remember exactly which writes the services
 * acknowledged (a 2xx answer), so that a test can check every one of them after a fault.
 */
final class Writers implements AutoCloseable {

    record Evidence(String id, String title) {}

    record Encryption(String ciphertext, String plaintext, String dataSubject) {}

    final ConcurrentLinkedQueue<Evidence> evidence = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Encryption> encryptions = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger counter = new AtomicInteger();
    private final ExecutorService pool;

    /**
     * Starts {@code threads} writers; each alternates evidence and encryption, round-robin over the given instances
     * of evidence-service and vault-service.
     */
    Writers(
            int threads,
            String tenant,
            String collectorToken,
            String encryptorToken,
            List<String> evidenceUrls,
            List<String> vaultUrls) {
        pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                while (running.get()) {
                    int n = counter.incrementAndGet();
                    String title = tenant + " record " + n;
                    Http.Answer created = Http.post(
                            evidenceUrls.get(n % evidenceUrls.size()) + "/api/v1/evidence",
                            collectorToken,
                            Map.of("title", title, "controlIds", List.of("mfa"), "record", Map.of("n", n)),
                            Map.of());
                    statuses.add(created.status());
                    if (created.ok()) {
                        evidence.add(new Evidence(created.body().path("id").asText(), title));
                    }
                    String plaintext = "PHI value " + n;
                    String subject = tenant + "-patient-" + n;
                    Http.Answer encrypted = Http.post(
                            vaultUrls.get(n % vaultUrls.size()) + "/api/v1/phi/encrypt",
                            encryptorToken,
                            Map.of("plaintext", Api.b64(plaintext), "dataSubject", subject),
                            Map.of());
                    statuses.add(encrypted.status());
                    if (encrypted.ok()) {
                        encryptions.add(new Encryption(
                                encrypted.body().path("ciphertext").asText(), plaintext, subject));
                    }
                    if (!created.ok() && !encrypted.ok()) {
                        pause(50);
                    }
                }
            });
        }
    }

    /** Writers until {@code count} writes of each kind were acknowledged, or the timeout. */
    void awaitAcknowledged(int count, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while ((evidence.size() < count || encryptions.size() < count) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
    }
}
