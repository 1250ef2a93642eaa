package org.compliancesuite.reporting.upstream;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reuses an upstream answer for the same tenant for a short time, so that a dashboard refreshed by many people does
 * not multiply the load on the sources. Each answer keeps the instant it was fetched: reports state it as their
 * as-of time. Answers are keyed by tenant and roles, so one tenant's data is never served to another, nor to a
 * caller whose roles the source would refuse.
 */
@ApplicationScoped
public class UpstreamCache {

    /** Above this many entries, expired ones are dropped on the next write. */
    private static final int PURGE_THRESHOLD = 2_000;

    private final Map<String, Fetched<?>> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    UpstreamCache(@ConfigProperty(name = "reporting.cache.ttl") Duration ttl) {
        this.ttl = ttl;
        this.clock = Clock.systemUTC();
    }

    /** One upstream answer and when it was fetched. */
    public record Fetched<T>(T value, Instant fetchedAt) {}

    @SuppressWarnings("unchecked")
    <T> Fetched<T> get(String scope, String call, Supplier<T> fetch) {
        String key = scope + "\u0000" + call;
        Instant now = clock.instant();
        Fetched<?> cached = entries.get(key);
        if (cached != null && cached.fetchedAt().plus(ttl).isAfter(now)) {
            return (Fetched<T>) cached;
        }
        // Millisecond precision: the as-of time is stored and compared in PostgreSQL (microseconds) and JSON.
        Fetched<T> fresh = new Fetched<>(fetch.get(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (!ttl.isZero()) {
            if (entries.size() > PURGE_THRESHOLD) {
                entries.values().removeIf(e -> !e.fetchedAt().plus(ttl).isAfter(now));
            }
            entries.put(key, fresh);
        }
        return fresh;
    }
}
