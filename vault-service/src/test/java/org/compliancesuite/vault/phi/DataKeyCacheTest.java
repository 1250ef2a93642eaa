package org.compliancesuite.vault.phi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.compliancesuite.vault.keys.AesGcm;
import org.compliancesuite.vault.keys.KeyProvider.DataKey;
import org.compliancesuite.vault.keys.KeyProvider.ProviderCiphertext;
import org.junit.jupiter.api.Test;

/** The data key cache on its own, without a service around it. */
class DataKeyCacheTest {

    private static DataKeyCache cache(long maxUses) {
        DataKeyCache cache = new DataKeyCache();
        cache.maxAge = Duration.ofMinutes(5);
        cache.maxUses = maxUses;
        cache.decryptCacheSize = 100;
        cache.checkLimits();
        return cache;
    }

    private static DataKey key(int version) {
        return new DataKey(AesGcm.randomKey(), new ProviderCiphertext(version, "wrapped-" + version));
    }

    @Test
    void aSlowRenewalOfOneKeyDoesNotHoldUpAnotherKey() throws Exception {
        DataKeyCache cache = cache(10);
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch slowRelease = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        Future<DataKey> slow = callers.submit(() -> cache.forEncryption("phi.tenant-a", () -> {
            slowStarted.countDown();
            try {
                slowRelease.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return key(1);
        }));
        assertTrue(slowStarted.await(5, TimeUnit.SECONDS));
        // tenant B's renewal must not queue behind tenant A's two provider round trips
        Future<DataKey> other = callers.submit(() -> cache.forEncryption("phi.tenant-b", () -> key(7)));
        assertEquals(7, other.get(5, TimeUnit.SECONDS).wrapped().version());
        slowRelease.countDown();
        assertEquals(1, slow.get(5, TimeUnit.SECONDS).wrapped().version());
        callers.shutdown();
    }

    @Test
    void concurrentCallersOfOneKeyRenewItOnceAndNeverExceedItsUses() throws Exception {
        DataKeyCache cache = cache(25);
        AtomicInteger renewals = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        java.util.Map<DataKey, AtomicInteger> uses = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.List<Future<?>> done = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            done.add(callers.submit(() -> {
                DataKey used = cache.forEncryption("phi.shared", () -> key(renewals.incrementAndGet()));
                uses.computeIfAbsent(used, k -> new AtomicInteger()).incrementAndGet();
            }));
        }
        for (Future<?> f : done) {
            f.get(10, TimeUnit.SECONDS);
        }
        callers.shutdown();
        assertEquals(4, renewals.get(), "100 fields at 25 uses per data key");
        uses.values().forEach(count -> assertTrue(count.get() <= 25, "a data key used " + count + " times"));
        DataKey first = cache.forEncryption("phi.shared", () -> key(99));
        assertSame(first, cache.forEncryption("phi.shared", () -> key(100)));
    }

    @Test
    void aUseLimitAboveTheGcmBoundIsRefused() {
        // NIST SP 800-38D section 8.3: 2^32 messages per key with random nonces
        assertThrows(IllegalStateException.class, () -> cache(AesGcm.MAX_MESSAGES_PER_KEY + 1));
        assertThrows(IllegalStateException.class, () -> cache(0));
        cache(AesGcm.MAX_MESSAGES_PER_KEY);
    }
}
