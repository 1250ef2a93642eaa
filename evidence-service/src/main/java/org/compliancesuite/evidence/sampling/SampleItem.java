package org.compliancesuite.evidence.sampling;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One drawn occurrence and the auditor's result; a recorded result is never overwritten. */
@Entity
@Table(name = "sample_item")
public class SampleItem extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne
    @JoinColumn(name = "sample_id")
    public Sample sample;

    /** Order of drawing, from 0. */
    public int position;

    @Column(name = "evidence_id")
    public UUID evidenceId;

    /** {@code pass}, {@code exception} or null while untested. */
    public String result;

    public String note;

    @Column(name = "tested_by")
    public String testedBy;

    @Column(name = "tested_at")
    public Instant testedAt;
}
