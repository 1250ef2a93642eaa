package org.compliancesuite.evidence.ledger;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.compliancesuite.common.chain.ChainHead;
import org.compliancesuite.common.chain.HashChain;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.evidence.schedule.ScheduleClaim;
import org.compliancesuite.evidence.upstream.ServiceToken;
import org.compliancesuite.evidence.upstream.VaultClient;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** Signed checkpoints of chain heads, on demand and on a schedule. */
@ApplicationScoped
@Startup
public class Checkpoints {

    static final String JOB = "ledger-checkpoint";

    /**
     * The statement type vault-service requires: it signs nothing but checkpoint statements of the caller's tenant, so
     * its signing key cannot be used as a general-purpose oracle.
     */
    static final String STATEMENT_TYPE = "ledger-checkpoint/v1";

    @Inject
    EntityManager em;

    @Inject
    ScheduleClaim claims;

    @Inject
    Ledger ledger;

    @Inject
    CheckpointTrust trust;

    @Inject
    @RestClient
    VaultClient vault;

    @ConfigProperty(name = "evidence.checkpoint.signer")
    String signerKind;

    @ConfigProperty(name = "evidence.checkpoint.private-key-location")
    Optional<String> privateKeyLocation;

    @ConfigProperty(name = "evidence.checkpoint.public-key-location")
    Optional<String> publicKeyLocation;

    @ConfigProperty(name = "evidence.checkpoint.every")
    Duration every;

    private CheckpointSigner signer;

    /** A misconfigured signer stops the service at start instead of at the first checkpoint. */
    @PostConstruct
    void chooseSigner() {
        signer = switch (signerKind) {
            case ConfiguredKeySigner.SIGNER ->
                new ConfiguredKeySigner(
                        privateKeyLocation.orElseThrow(() -> new IllegalStateException(
                                "CHECKPOINT_SIGNER=config needs CHECKPOINT_PRIVATE_KEY_LOCATION")),
                        publicKeyLocation.orElseThrow(() -> new IllegalStateException(
                                "CHECKPOINT_SIGNER=config needs CHECKPOINT_PUBLIC_KEY_LOCATION")));
            case VaultServiceSigner.SERVICE -> new VaultServiceSigner(vault, trust);
            default -> throw new IllegalStateException("CHECKPOINT_SIGNER must be config or vault-service");
        };
    }

    /**
     * Signs the tenant's current chain head, stores the checkpoint and chains a {@code checkpoint} entry naming it
     * (id, sequence, head hash, signature hash) in the same transaction, so that deleting or changing the checkpoint
     * row later is visible to verification.
     *
     * @throws ProblemException 409 when the tenant's ledger is empty or vault-service already signed the head's
     *     sequence with another head hash, 503 when vault-service cannot sign
     */
    public Checkpoint create(String tenant, String createdBy) {
        List<?> rows = QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("SELECT sequence, head_hash FROM ledger_head WHERE tenant = ?1")
                        .setParameter(1, tenant)
                        .getResultList());
        Object[] head = rows.isEmpty() ? null : (Object[]) rows.getFirst();
        if (head == null || ((Number) head[0]).longValue() == 0) {
            throw ProblemException.conflict("the ledger has no entries to checkpoint");
        }
        long sequence = ((Number) head[0]).longValue();
        String headHash = (String) head[1];
        Instant signedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);

        String payload = statement(tenant, sequence, headHash, signedAt);
        CheckpointSigner.Signed signed = signer.sign(tenant, payload.getBytes(StandardCharsets.UTF_8));

        Checkpoint checkpoint = new Checkpoint();
        checkpoint.id = UUID.randomUUID();
        checkpoint.tenant = tenant;
        checkpoint.sequence = sequence;
        checkpoint.headHash = headHash;
        checkpoint.signedAt = signedAt;
        checkpoint.signedPayload = payload;
        checkpoint.signer = signed.signer();
        checkpoint.algorithm = signed.algorithm();
        checkpoint.keyId = signed.keyId();
        checkpoint.signature = signed.signatureBase64();
        checkpoint.publicKeyPem = signed.publicKeyPem();
        checkpoint.createdBy = createdBy;
        QuarkusTransaction.requiringNew().run(() -> {
            ChainHead chain = ledger.lock(tenant);
            checkpoint.persist();
            ledger.append(
                    chain,
                    LedgerEvent.of(tenant, LedgerEvent.CHECKPOINT, null, null, createdBy, entryDetails(checkpoint)));
        });
        Log.infof("ledger checkpoint of tenant %s at sequence %d signed by %s", tenant, sequence, signed.signer());
        return checkpoint;
    }

    /** The signed statement: canonical JSON (sorted keys, compact) of exactly these five fields. */
    static String statement(String tenant, long sequence, String headHash, Instant signedAt) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("type", STATEMENT_TYPE);
        statement.put("tenant", tenant);
        statement.put("sequence", sequence);
        statement.put("headHash", headHash);
        statement.put("signedAt", signedAt.toString());
        return HashChain.canonicalJson(statement);
    }

    /** What the ledger's {@code checkpoint} entry records of a checkpoint row. */
    static Map<String, Object> entryDetails(Checkpoint checkpoint) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("checkpointId", checkpoint.id.toString());
        details.put("sequence", checkpoint.sequence);
        details.put("headHash", checkpoint.headHash);
        details.put("signedAt", checkpoint.signedAt.toString());
        details.put("signer", checkpoint.signer);
        details.put("keyId", checkpoint.keyId);
        details.put("signatureSha256", signatureSha256(checkpoint.signature));
        return details;
    }

    static String signatureSha256(String signature) {
        return HashChain.sha256Hex(signature.getBytes(StandardCharsets.UTF_8));
    }

    /** Every replica fires; one claims the period and checkpoints each tenant whose chain grew since its last one. */
    @Scheduled(
            every = "${evidence.checkpoint.check-every}",
            delayed = "${evidence.checkpoint.check-every}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        runDue(Instant.now());
    }

    /**
     * Runs the schedule's work if no replica has run it for the period of {@code now}; returns tenants signed. With
     * the {@code config} signer every tenant whose chain grew is signed. vault-service signs with the caller's tenant
     * key, so with that signer the service token can only sign its own tenant's chain: the others are skipped (and
     * logged once per run) and are checkpointed on demand by their own users.
     */
    @ActivateRequestContext
    public int runDue(Instant now) {
        if (!claims.claim(JOB, ScheduleClaim.slotOf(now, every))) {
            return 0;
        }
        List<String> due = due();
        List<String> tenants = due;
        if (signerKind.equals(VaultServiceSigner.SERVICE)) {
            Optional<String> own = ServiceToken.tenant();
            tenants = due.stream()
                    .filter(t -> own.isPresent() && t.equals(own.get()))
                    .toList();
            List<String> skipped = due.stream()
                    .filter(t -> own.isEmpty() || !t.equals(own.get()))
                    .toList();
            if (!skipped.isEmpty()) {
                // without any service token nothing can be signed on a schedule: a configuration an operator must fix
                Log.logf(
                        own.isPresent() ? Logger.Level.INFO : Logger.Level.WARN,
                        "scheduled ledger checkpoints skipped for tenants %s: vault-service signs with the caller's"
                                + " tenant key and %s; they are signed on demand, or by all with"
                                + " CHECKPOINT_SIGNER=config",
                        skipped,
                        own.map(t -> "the service token speaks for tenant " + t)
                                .orElse("no service token with a tenant (SERVICE_TOKEN or SERVICE_TOKEN_FILE) is set"));
            }
        }
        int signed = 0;
        for (String tenant : tenants) {
            try {
                create(tenant, "schedule");
                signed++;
            } catch (ProblemException e) {
                Log.warnf("scheduled checkpoint of tenant %s failed: %s", tenant, e.getMessage());
            }
        }
        return signed;
    }

    /** Tenants with an entry other than a checkpoint entry after their last checkpoint. */
    private List<String> due() {
        return QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery(
                                "SELECT h.tenant FROM ledger_head h WHERE EXISTS (SELECT 1 FROM ledger_entry e"
                                        + " WHERE e.tenant = h.tenant AND e.event <> ?1 AND e.sequence > COALESCE("
                                        + "(SELECT max(c.sequence) FROM ledger_checkpoint c WHERE c.tenant = h.tenant),"
                                        + " 0)) ORDER BY h.tenant",
                                String.class)
                        .setParameter(1, LedgerEvent.CHECKPOINT)
                        .getResultList());
    }

    public List<Checkpoint> list(String tenant, int page, int size) {
        return Checkpoint.<Checkpoint>find("tenant = ?1 order by sequence desc, signedAt desc", tenant)
                .page(page, size)
                .list();
    }

    public long count(String tenant) {
        return Checkpoint.count("tenant", tenant);
    }
}
