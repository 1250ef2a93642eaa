package org.compliancesuite.evidence.item;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.compliancesuite.common.chain.ChainHead;
import org.compliancesuite.common.chain.HashChain;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.evidence.Actor;
import org.compliancesuite.evidence.catalog.CatalogControl;
import org.compliancesuite.evidence.catalog.ControlCatalog;
import org.compliancesuite.evidence.freshness.ControlSummaries;
import org.compliancesuite.evidence.freshness.Frequency;
import org.compliancesuite.evidence.ledger.Ledger;
import org.compliancesuite.evidence.ledger.LedgerEvent;
import org.compliancesuite.evidence.retention.RetentionPolicy;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates, reviews and relinks evidence. Each write is one transaction that stores the content, updates the control
 * summaries and appends to the ledger, so none of them can exist without the others.
 */
@ApplicationScoped
public class EvidenceService {

    @Inject
    EntityManager em;

    @Inject
    ContentStore contentStore;

    @Inject
    ControlCatalog catalog;

    @Inject
    ControlSummaries summaries;

    @Inject
    Ledger ledger;

    @Inject
    RetentionPolicy retention;

    @Inject
    IdempotencyKeys idempotency;

    @ConfigProperty(name = "evidence.max-file-size")
    MemorySize maxFileSize;

    /** Metadata checked against the catalog, ready to be stored. */
    public record Validated(EvidenceMetadata metadata, Links links) {}

    /** Controls as the catalog describes them, and requirement references the catalog knows. */
    public record Links(List<CatalogControl> controls, List<String> requirementRefs) {}

    /** A created evidence item, and whether it is the answer given to an earlier request with the same key. */
    public record Created(EvidenceItem item, boolean replayed) {}

    /** What was received: the bytes, their media type and file name, and the digest the client announced. */
    public record Upload(InputStream content, String mediaType, String fileName, String expectedSha256) {}

    /**
     * Checks the controls and requirements against catalog-service; run before the write transaction so that no
     * database connection waits on another service.
     */
    public Validated validate(Actor actor, EvidenceMetadata metadata) {
        Links links = validateLinks(actor, metadata.controlIds(), metadata.requirementRefs());
        if (metadata.periodStart() != null
                && metadata.periodEnd() != null
                && metadata.periodEnd().isBefore(metadata.periodStart())) {
            throw ProblemException.unprocessable("periodEnd", "must not be before periodStart");
        }
        if (metadata.collectedAt() != null
                && metadata.collectedAt().isAfter(Instant.now().plus(5, ChronoUnit.MINUTES))) {
            throw ProblemException.unprocessable("collectedAt", "must not be in the future");
        }
        return new Validated(metadata, links);
    }

    /** Checks controls and requirement references against catalog-service (422 unknown, 503 unavailable). */
    public Links validateLinks(Actor actor, List<String> controlIds, List<String> requirementRefs) {
        List<CatalogControl> controls = catalog.controls(actor.tenant(), distinct(controlIds), "controlIds");
        List<String> refs = distinct(requirementRefs);
        for (int i = 0; i < refs.size(); i++) {
            catalog.requireRequirement(refs.get(i), "requirementRefs[" + i + "]");
        }
        return new Links(controls, refs);
    }

    /**
     * Stores a file while hashing it. The transaction may last as long as the upload, so it has its own timeout
     * ({@code EVIDENCE_UPLOAD_TIMEOUT}, in seconds); the chain head is locked only after the bytes are in.
     *
     * @throws ProblemException 400 when the announced digest differs from the received bytes, 413 when too large, 422
     *     when the idempotency key was used for another request; nothing is stored in any case
     */
    @Transactional
    @TransactionConfiguration(timeoutFromConfigProperty = "evidence.upload-transaction-timeout")
    public Created createFile(Actor actor, Validated validated, Upload upload, IdempotencyKeys.Key idempotencyKey) {
        UUID id = UUID.randomUUID();
        EvidenceItem first = claimKey(actor.tenant(), idempotencyKey, id);
        if (first != null) {
            return new Created(first, true);
        }

        ContentStore.StoredContent stored = contentStore.write(upload.content(), maxFileSize.asLongValue());
        if (upload.expectedSha256() != null && !upload.expectedSha256().equalsIgnoreCase(stored.sha256())) {
            throw ProblemException.badRequest("the content digest does not match the received bytes");
        }

        EvidenceItem item = store(
                actor,
                id,
                validated,
                stored,
                "file",
                upload.mediaType(),
                FileNames.neutralise(upload.fileName()),
                sourceOf(actor));
        return new Created(item, false);
    }

    /** Stores a JSON record; its content is the record's canonical JSON. */
    @Transactional
    public Created createRecord(
            Actor actor,
            Validated validated,
            Map<String, ?> record,
            EvidenceSource source,
            IdempotencyKeys.Key idempotencyKey) {
        UUID id = UUID.randomUUID();
        EvidenceItem first = claimKey(actor.tenant(), idempotencyKey, id);
        if (first != null) {
            return new Created(first, true);
        }
        byte[] canonical = HashChain.canonicalJson(record).getBytes(StandardCharsets.UTF_8);
        ContentStore.StoredContent stored =
                contentStore.write(new ByteArrayInputStream(canonical), maxFileSize.asLongValue());
        EvidenceItem item = store(actor, id, validated, stored, "record", "application/json", null, source);
        return new Created(item, false);
    }

    /** Accepts or rejects submitted evidence; a decision is final. */
    @Transactional
    public EvidenceItem review(Actor actor, UUID id, ReviewRequest request) {
        if (request.decision() == ReviewDecision.REJECTED
                && (request.reason() == null || request.reason().isBlank())) {
            throw ProblemException.unprocessable("reason", "a rejection needs a reason");
        }
        ChainHead head = ledger.lock(actor.tenant());
        EvidenceItem item = live(actor.tenant(), id);
        if (item.state() != EvidenceState.SUBMITTED) {
            throw ProblemException.conflict("the evidence was already " + item.state);
        }

        EvidenceState decided =
                request.decision() == ReviewDecision.ACCEPTED ? EvidenceState.ACCEPTED : EvidenceState.REJECTED;
        item.state = decided.value();
        item.reviewedBy = actor.subject();
        item.reviewedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        item.rejectionReason = decided == EvidenceState.REJECTED ? request.reason() : null;
        for (String controlId : item.controlIds) {
            Frequency frequency = summaries.frequencyOf(actor.tenant(), controlId);
            summaries.count(actor.tenant(), controlId, frequency, EvidenceState.SUBMITTED, -1);
            summaries.count(actor.tenant(), controlId, frequency, decided, 1);
            if (decided == EvidenceState.ACCEPTED) {
                summaries.offerLatestAccepted(actor.tenant(), controlId, item.id, item.collectedAt);
            }
        }

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("decision", decided.value());
        details.put("reason", item.rejectionReason);
        details.put("reviewedAt", item.reviewedAt.toString());
        ledger.append(
                head,
                LedgerEvent.of(actor.tenant(), LedgerEvent.REVIEWED, item.id, item.sha256, actor.subject(), details));
        Log.infof("evidence %s %s by %s", item.id, decided.value(), actor.subject());
        return item;
    }

    /** Replaces the controls and requirements an item supports, moving its counts between control summaries. */
    @Transactional
    public EvidenceItem relink(Actor actor, UUID id, Links links) {
        ChainHead head = ledger.lock(actor.tenant());
        EvidenceItem item = live(actor.tenant(), id);
        Set<String> before = new TreeSet<>(item.controlIds);
        Set<String> beforeRefs = new TreeSet<>(item.requirementRefs);
        Set<String> after =
                new TreeSet<>(links.controls().stream().map(CatalogControl::id).toList());
        EvidenceState state = item.state();

        for (String removed : before) {
            if (!after.contains(removed)) {
                summaries.count(actor.tenant(), removed, summaries.frequencyOf(actor.tenant(), removed), state, -1);
                summaries.forgetLatestAccepted(actor.tenant(), removed, item.id);
            }
        }
        for (CatalogControl control : links.controls()) {
            if (!before.contains(control.id())) {
                Frequency frequency = Frequency.of(control.evidenceFrequency());
                summaries.count(actor.tenant(), control.id(), frequency, state, 1);
                if (state == EvidenceState.ACCEPTED) {
                    summaries.offerLatestAccepted(actor.tenant(), control.id(), item.id, item.collectedAt);
                }
            }
        }
        item.controlIds.clear();
        item.controlIds.addAll(after);
        item.requirementRefs.clear();
        item.requirementRefs.addAll(links.requirementRefs());
        item.freshUntil = freshUntil(item.collectedAt, links.controls());
        RetentionPolicy.Retention kept = retentionOf(item.createdAt, item.periodEnd, links);
        if (kept.retainUntil().isAfter(item.retainUntil)) {
            item.retainUntil = kept.retainUntil();
            item.retentionBasis = kept.basis();
        }

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("controlIdsBefore", List.copyOf(before));
        details.put("controlIdsAfter", List.copyOf(after));
        details.put("requirementRefsBefore", List.copyOf(beforeRefs));
        details.put("requirementRefsAfter", List.copyOf(item.requirementRefs));
        details.put("freshUntil", item.freshUntil.toString());
        details.put("retainUntil", item.retainUntil.toString());
        details.put("retentionBasis", item.retentionBasis);
        ledger.append(
                head,
                LedgerEvent.of(
                        actor.tenant(), LedgerEvent.LINKS_CHANGED, item.id, item.sha256, actor.subject(), details));
        return item;
    }

    /** The tenant's evidence that has not been deleted; 404 otherwise. */
    public EvidenceItem live(String tenant, UUID id) {
        EvidenceItem item = EvidenceItem.ofTenant(tenant, id).orElseThrow(() -> notFound(id));
        if (item.deletedAt != null) {
            throw ProblemException.conflict("the evidence was deleted at the end of its retention");
        }
        return item;
    }

    public static ProblemException notFound(UUID id) {
        return ProblemException.notFound("no evidence " + id);
    }

    /** The evidence of an earlier request with the same key, or null when this request is the first. */
    private EvidenceItem claimKey(String tenant, IdempotencyKeys.Key key, UUID id) {
        if (key == null) {
            return null;
        }
        return idempotency
                .claim(tenant, key, id)
                .map(first -> EvidenceItem.ofTenant(tenant, first).orElseThrow(() -> notFound(first)))
                .orElse(null);
    }

    private EvidenceItem store(
            Actor actor,
            UUID id,
            Validated validated,
            ContentStore.StoredContent stored,
            String kind,
            String mediaType,
            String fileName,
            EvidenceSource source) {
        ChainHead head = ledger.lock(actor.tenant());
        EvidenceMetadata metadata = validated.metadata();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

        EvidenceItem item = new EvidenceItem();
        item.id = id;
        item.tenant = actor.tenant();
        item.title = metadata.title();
        item.description = metadata.description();
        item.source = source.value();
        item.state = EvidenceState.SUBMITTED.value();
        item.kind = kind;
        item.fileName = fileName;
        item.mediaType = mediaType;
        item.size = stored.size();
        item.sha256 = stored.sha256();
        item.contentId = stored.contentId();
        item.collectedAt =
                metadata.collectedAt() == null ? now : metadata.collectedAt().truncatedTo(ChronoUnit.MICROS);
        item.periodStart = metadata.periodStart();
        item.periodEnd = metadata.periodEnd();
        item.freshUntil = freshUntil(item.collectedAt, validated.links().controls());
        item.collectorSubject = actor.subject();
        item.collectorClient = actor.client();
        item.createdAt = now;
        RetentionPolicy.Retention kept = retentionOf(now, metadata.periodEnd(), validated.links());
        item.retainUntil = kept.retainUntil();
        item.retentionBasis = kept.basis();
        validated.links().controls().forEach(c -> item.controlIds.add(c.id()));
        item.requirementRefs.addAll(validated.links().requirementRefs());
        item.persist();

        for (CatalogControl control : validated.links().controls()) {
            summaries.count(
                    actor.tenant(),
                    control.id(),
                    Frequency.of(control.evidenceFrequency()),
                    EvidenceState.SUBMITTED,
                    1);
        }

        // Everything the row holds that an auditor relies on, so that verification can replay the item's events into
        // the state its row must have; the collector is the entry's actor and the digest its contentSha256.
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("title", item.title);
        details.put("description", item.description);
        details.put("kind", kind);
        details.put("source", item.source);
        details.put("mediaType", mediaType);
        details.put("fileName", fileName);
        details.put("size", item.size);
        details.put("controlIds", List.copyOf(item.controlIds));
        details.put("requirementRefs", List.copyOf(item.requirementRefs));
        details.put("collectedAt", item.collectedAt.toString());
        details.put("periodStart", item.periodStart == null ? null : item.periodStart.toString());
        details.put("periodEnd", item.periodEnd == null ? null : item.periodEnd.toString());
        details.put("freshUntil", item.freshUntil.toString());
        details.put("createdAt", item.createdAt.toString());
        details.put("retainUntil", item.retainUntil.toString());
        details.put("retentionBasis", item.retentionBasis);
        details.put("client", actor.client());
        ledger.append(
                head, LedgerEvent.of(actor.tenant(), LedgerEvent.CREATED, id, item.sha256, actor.subject(), details));
        Log.debugf("evidence %s stored (%d bytes)", id, item.size);
        return item;
    }

    private RetentionPolicy.Retention retentionOf(Instant createdAt, LocalDate periodEnd, Links links) {
        Set<String> frameworks = new TreeSet<>();
        links.controls().forEach(c -> c.mappings().forEach(m -> frameworks.add(m.frameworkId())));
        links.requirementRefs().forEach(ref -> frameworks.add(ref.substring(0, ref.indexOf(':'))));
        return retention.retentionFor(createdAt, periodEnd, frameworks);
    }

    /** Fresh until the earliest deadline of the controls it supports: the most demanding control decides. */
    private static Instant freshUntil(Instant collectedAt, List<CatalogControl> controls) {
        return controls.stream()
                .map(c -> Frequency.of(c.evidenceFrequency()).freshUntil(collectedAt))
                .min(Comparator.naturalOrder())
                .orElse(collectedAt);
    }

    private static EvidenceSource sourceOf(Actor actor) {
        return actor.collector() ? EvidenceSource.API : EvidenceSource.MANUAL;
    }

    private static List<String> distinct(List<String> values) {
        return values == null ? List.of() : new ArrayList<>(new LinkedHashSet<>(values));
    }
}
