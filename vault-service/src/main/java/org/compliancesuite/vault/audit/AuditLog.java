package org.compliancesuite.vault.audit;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.compliancesuite.common.chain.ChainHead;
import org.compliancesuite.common.chain.HashChain;
import org.compliancesuite.common.problem.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The PHI access log with group commit. Callers hand their events to one writer thread and wait; the writer drains
 * whatever has queued up (several requests' events), appends them to each tenant's hash chain and commits once.
 * A caller returns only after its events are committed, so a decrypt never answers before its record is durable,
 * and throughput is not capped at one transaction per request.
 *
 * <p>Chains are appended under the tenant's head row lock ({@link ChainHead}), so several replicas on one database
 * interleave without fork or gap. Tenants are locked in name order to keep replicas from deadlocking.
 */
@ApplicationScoped
public class AuditLog {

    static final String HEAD_TABLE = "phi_access_head";

    static final int MINIMUM_RETENTION_YEARS = 6;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "vault.audit.retention-years")
    int retentionYears;

    @ConfigProperty(name = "vault.audit.max-batch")
    int maxBatch;

    @ConfigProperty(name = "vault.audit.wait-timeout")
    java.time.Duration waitTimeout;

    @ConfigProperty(name = "vault.unavailable.retry-after-seconds")
    int retryAfterSeconds;

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean running;
    private Thread writer;

    private record Pending(List<AccessEvent> events, CompletableFuture<Void> done) {}

    void start(@Observes StartupEvent event) {
        checkRetention(retentionYears);
        running = true;
        writer = Thread.ofPlatform().daemon().name("phi-audit-writer").start(this::drain);
    }

    /** Refuses to start with a retention below the legal floor. */
    static void checkRetention(int years) {
        if (years < MINIMUM_RETENTION_YEARS) {
            // 45 CFR 164.316(b)(2)(i): six years is the floor; configuration may only raise it
            throw new IllegalStateException("AUDIT_RETENTION_YEARS is " + years + "; PHI access records must"
                    + " be kept at least " + MINIMUM_RETENTION_YEARS + " years");
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        writer.join(waitTimeout.toMillis());
    }

    /** Transactions committed so far; with several requests per transaction, fewer than the requests audited. */
    long commits() {
        return commits.get();
    }

    /** Transactions that failed, each failing or splitting its batch. */
    long failures() {
        return failures.get();
    }

    /** Requests waiting for the writer. */
    int queued() {
        return queue.size();
    }

    public int retentionYears() {
        return retentionYears;
    }

    /** Appends the events and returns once they are committed; 503 when the log cannot be written. */
    public void record(List<AccessEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Pending(List.copyOf(events), done));
        try {
            done.get(waitTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notDurable();
        } catch (ExecutionException | TimeoutException e) {
            throw notDurable();
        }
    }

    /** Queues an event without waiting; for refusals, which disclose nothing. */
    public void recordAsync(AccessEvent event) {
        queue.add(new Pending(List.of(event), new CompletableFuture<>()));
    }

    public void record(AccessEvent event) {
        record(List.of(event));
    }

    private ProblemException notDurable() {
        // 45 CFR 164.312(b): no access without its audit record, so the operation is refused rather than unlogged.
        return ProblemException.unavailable(
                "the PHI access audit log could not be written; nothing was disclosed, retry later", retryAfterSeconds);
    }

    private void drain() {
        List<Pending> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int events = first.events().size();
                Pending next;
                while (events < maxBatch && (next = queue.poll()) != null) {
                    batch.add(next);
                    events += next.events().size();
                }
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Commits the batch. When the database refuses the data of one record (SQLState class 22 or 23), the batch is
     * halved until the refused request is alone, so that it does not refuse the others that shared its commit. Any
     * other failure (connection lost or refused, class 08; server shutting down, 57P0x; no pooled connection in time)
     * would fail every part the same way, so the whole batch fails at once instead of retrying request by request
     * while the queue grows behind the single writer.
     */
    private void write(List<Pending> batch) {
        try {
            QuarkusTransaction.requiringNew().run(() -> append(batch));
            commits.incrementAndGet();
            batch.forEach(p -> p.done().complete(null));
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            String state = sqlState(e);
            boolean dataError = state != null && (state.startsWith("22") || state.startsWith("23"));
            if (dataError && batch.size() > 1) {
                Log.warnf(
                        "PHI access audit batch of %d requests refused by the database (SQLState %s); splitting it",
                        batch.size(), state);
                int half = batch.size() / 2;
                write(List.copyOf(batch.subList(0, half)));
                write(List.copyOf(batch.subList(half, batch.size())));
                return;
            }
            Log.errorf(
                    "PHI access audit records of %d requests not written: %s (SQLState %s)",
                    batch.size(), e.getClass().getSimpleName(), state);
            batch.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    /** The SQLState of the first SQL exception in the cause chain, or null when the failure is not the database's. */
    static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private void append(List<Pending> batch) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<String, List<AccessEvent>> byTenant = new TreeMap<>();
        for (Pending pending : batch) {
            for (AccessEvent event : pending.events()) {
                byTenant.computeIfAbsent(event.tenant(), t -> new ArrayList<>()).add(event);
            }
        }
        byTenant.forEach((tenant, events) -> {
            ChainHead head = ChainHead.lock(em, HEAD_TABLE, tenant);
            for (AccessEvent event : events) {
                PhiAccessRecord record = toRecord(event, now);
                ChainHead.Link link = head.append(HashChain.canonicalJson(record.canonicalFields()));
                record.sequence = link.sequence();
                record.previousHash = link.previousHash();
                record.hash = link.hash();
                em.persist(record);
            }
            em.flush();
            head.advance();
        });
    }

    private PhiAccessRecord toRecord(AccessEvent event, Instant now) {
        PhiAccessRecord record = new PhiAccessRecord();
        record.id = UUID.randomUUID();
        record.tenant = event.tenant();
        record.occurredAt = now;
        // 45 CFR 164.316(b)(2)(i): documentation retained six years (AUDIT_RETENTION_YEARS raises it).
        record.retainUntil =
                now.atOffset(ZoneOffset.UTC).plusYears(retentionYears).toInstant();
        record.subject = event.subject();
        record.client = event.client();
        record.action = event.action();
        record.purpose = event.purpose();
        record.justification = event.justification();
        record.dataSubjectRef = event.dataSubjectRef();
        record.recordRef = event.recordRef();
        record.sourceIp = event.sourceIp();
        record.result = event.result();
        record.reason = event.reason();
        record.keyName = event.keyName();
        record.keyVersion = event.keyVersion();
        record.reviewRequired = event.reviewRequired();
        return record;
    }
}
