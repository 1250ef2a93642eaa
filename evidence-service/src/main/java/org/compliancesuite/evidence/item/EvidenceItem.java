package org.compliancesuite.evidence.item;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.hibernate.annotations.BatchSize;

/** One piece of evidence of a tenant: metadata and the digest of its content, which the ContentStore holds. */
@Entity
@Table(name = "evidence")
public class EvidenceItem extends PanacheEntityBase {

    @Id
    public UUID id;

    public String tenant;
    public String title;
    public String description;

    /** An {@link EvidenceSource} value. */
    public String source;

    /** An {@link EvidenceState} value. */
    public String state;

    /** {@code file} or {@code record}. */
    public String kind;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "media_type")
    public String mediaType;

    public long size;
    public String sha256;

    @Column(name = "content_id")
    public UUID contentId;

    @Column(name = "collected_at")
    public Instant collectedAt;

    @Column(name = "period_start")
    public LocalDate periodStart;

    @Column(name = "period_end")
    public LocalDate periodEnd;

    @Column(name = "fresh_until")
    public Instant freshUntil;

    @Column(name = "collector_subject")
    public String collectorSubject;

    @Column(name = "collector_client")
    public String collectorClient;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "reviewed_by")
    public String reviewedBy;

    @Column(name = "reviewed_at")
    public Instant reviewedAt;

    @Column(name = "rejection_reason")
    public String rejectionReason;

    @Column(name = "retain_until")
    public Instant retainUntil;

    @Column(name = "retention_basis")
    public String retentionBasis;

    @Column(name = "legal_hold")
    public boolean legalHold;

    @Column(name = "legal_hold_reason")
    public String legalHoldReason;

    @Column(name = "legal_hold_by")
    public String legalHoldBy;

    @Column(name = "legal_hold_at")
    public Instant legalHoldAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Column(name = "deleted_by")
    public String deletedBy;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "evidence_control", joinColumns = @JoinColumn(name = "evidence_id"))
    @Column(name = "control_id")
    @BatchSize(size = 100)
    public Set<String> controlIds = new TreeSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "evidence_requirement", joinColumns = @JoinColumn(name = "evidence_id"))
    @Column(name = "requirement_ref")
    @BatchSize(size = 100)
    public Set<String> requirementRefs = new TreeSet<>();

    public EvidenceState state() {
        return EvidenceState.valueOf(state.toUpperCase(Locale.ROOT));
    }

    /** The tenant's evidence; another tenant's id is reported exactly as a missing one. */
    public static Optional<EvidenceItem> ofTenant(String tenant, UUID id) {
        return find("id = ?1 and tenant = ?2", id, tenant).firstResultOptional();
    }
}
