package org.compliancesuite.evidence.schedule;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;

/**
 * Makes a schedule run once per period across replicas: every replica fires, and only the one that inserts the row
 * of the period's slot runs the job.
 */
@ApplicationScoped
public class ScheduleClaim {

    private static final String REPLICA = ManagementFactory.getRuntimeMXBean().getName();

    @Inject
    EntityManager em;

    /** The slot number of {@code at} for a job that runs every {@code period}. */
    public static long slotOf(Instant at, Duration period) {
        return at.getEpochSecond() / Math.max(1, period.toSeconds());
    }

    /** True for exactly one caller per job and slot, whichever replica it runs on. */
    public boolean claim(String job, long slot) {
        return QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("INSERT INTO schedule_claim (job, slot, claimed_by, claimed_at)"
                                        + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
                                .setParameter(1, job)
                                .setParameter(2, slot)
                                .setParameter(3, REPLICA)
                                .setParameter(4, Instant.now())
                                .executeUpdate()
                        == 1);
    }
}
