package org.compliancesuite.vault.access;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Per-client token buckets: a burst of {@code capacity} requests, refilled at {@code rate} per second. Per replica;
 * the limit a client sees across N replicas is N times this (documented). One bulk export of PHI by a compromised
 * client is exactly what this slows down.
 */
@ApplicationScoped
public class RateLimiter {

    @ConfigProperty(name = "vault.rate-limit.per-second")
    double rate;

    @ConfigProperty(name = "vault.rate-limit.burst")
    int burst;

    /** Stricter limits for named clients, {@code client:requestsPerMinute}; the per-minute figure is also the burst. */
    @ConfigProperty(name = "vault.rate-limit.client-per-minute")
    Optional<List<String>> clientPerMinute;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long updated;

        Bucket(double capacity, double perSecond) {
            this.capacity = capacity;
            this.perNano = perSecond / 1e9;
            this.tokens = capacity;
            this.updated = System.nanoTime();
        }

        synchronized long take() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - updated) * perNano);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano / 1e9);
        }
    }

    /** Zero when the request may proceed, otherwise the seconds to wait (at least 1). */
    public long acquire(String tenant, String client) {
        long wait = buckets.computeIfAbsent(tenant + "/" + client, key -> {
                    Integer perMinute = clientPerMinute.orElse(List.of()).stream()
                            .filter(entry -> entry.startsWith(client + ":"))
                            .map(entry -> Integer.valueOf(entry.substring(client.length() + 1)))
                            .findFirst()
                            .orElse(null);
                    return perMinute == null ? new Bucket(burst, rate) : new Bucket(perMinute, perMinute / 60.0);
                })
                .take();
        return wait == 0 ? 0 : Math.max(1, wait);
    }
}
