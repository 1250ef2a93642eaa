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
import org.compliancesuite.common.chain.HashChain;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.evidence.schedule.ScheduleClaim;
import org.compliancesuite.evidence.upstream.ServiceToken;
import org.compliancesuite.evidence.upstream.VaultClient;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Signed checkpoints of chain heads, on demand and on a schedule. */
@ApplicationScoped
@Startup
public class Checkpoints {

    static final String JOB = "ledger-checkpoint";

    @Inject
    EntityManager em;

    @Inject
    ScheduleClaim claims;

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
            case "config" ->
                new ConfiguredKeySigner(
                        privateKeyLocation.orElseThrow(() -> new IllegalStateException(
                                "CHECKPOINT_SIGNER=config needs CHECKPOINT_PRIVATE_KEY_LOCATION")),
                        publicKeyLocation.orElseThrow(() -> new IllegalStateException(
                                "CHECKPOINT_SIGNER=config needs CHECKPOINT_PUBLIC_KEY_LOCATION")));
            case "vault-service" -> new VaultServiceSigner(vault);
            default -> throw new IllegalStateException("CHECKPOINT_SIGNER must be config or vault-service");
        };
    }

    /**
     * Signs the tenant's current chain head.
     *
     * @throws ProblemException 409 when the tenant's ledger is empty, 503 when vault-service cannot sign
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

        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("tenant", tenant);
        statement.put("sequence", sequence);
        statement.put("headHash", headHash);
        statement.put("signedAt", signedAt.toString());
        String payload = HashChain.canonicalJson(statement);
        CheckpointSigner.Signed signed = signer.sign(payload.getBytes(StandardCharsets.UTF_8));

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
        QuarkusTransaction.requiringNew().run(checkpoint::persist);
        Log.infof("ledger checkpoint of tenant %s at sequence %d signed by %s", tenant, sequence, signed.signer());
        return checkpoint;
    }

    /** Every replica fires; one claims the period and checkpoints each tenant whose chain grew since its last one. */
    @Scheduled(
            every = "${evidence.checkpoint.check-every}",
            delayed = "${evidence.checkpoint.check-every}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        runDue(Instant.now());
    }

    /** Runs the schedule's work if no replica has run it for the period of {@code now}; returns tenants signed. */
    @ActivateRequestContext
    public int runDue(Instant now) {
        if (!claims.claim(JOB, ScheduleClaim.slotOf(now, every))) {
            return 0;
        }
        if (signerKind.equals("vault-service") && ServiceToken.configured().isEmpty()) {
            Log.warn("scheduled ledger checkpoints skipped: vault-service signing needs SERVICE_TOKEN");
            return 0;
        }
        List<String> tenants = QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery(
                                "SELECT h.tenant FROM ledger_head h WHERE h.sequence > COALESCE((SELECT max(c.sequence)"
                                        + " FROM ledger_checkpoint c WHERE c.tenant = h.tenant), 0) ORDER BY h.tenant",
                                String.class)
                        .getResultList());
        if (signerKind.equals("vault-service")) {
            // vault-service signs with the caller's tenant key: the service token can only sign its own tenant's chain.
            // Other tenants are checkpointed on demand by their own users, or by all with a configured signing key.
            String own = ServiceToken.tenant().orElse(null);
            tenants = tenants.stream().filter(t -> t.equals(own)).toList();
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

    public List<Checkpoint> list(String tenant, int page, int size) {
        return Checkpoint.<Checkpoint>find("tenant = ?1 order by sequence desc, signedAt desc", tenant)
                .page(page, size)
                .list();
    }

    public long count(String tenant) {
        return Checkpoint.count("tenant", tenant);
    }
}
