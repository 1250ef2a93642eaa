package org.compliancesuite.evidence.sampling;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.BatchSize;

/** A SOC 2 test sample of a control's occurrences in a period, drawn with a recorded seed. */
@Entity
@Table(name = "sample")
public class Sample extends PanacheEntityBase {

    @Id
    public UUID id;

    public String tenant;

    @Column(name = "control_id")
    public String controlId;

    @Column(name = "period_start")
    public LocalDate periodStart;

    @Column(name = "period_end")
    public LocalDate periodEnd;

    public String frequency;

    @Column(name = "sample_size")
    public int sampleSize;

    @Column(name = "population_size")
    public int populationSize;

    public long seed;

    @Column(name = "drawn_at")
    public Instant drawnAt;

    @Column(name = "drawn_by")
    public String drawnBy;

    /**
     * The population the sample was drawn from, in the order the draw used (collected-at, then id), kept as it was at
     * the draw: the draw can be repeated from it and the seed whatever happens to the evidence afterwards.
     */
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "sample_population", joinColumns = @JoinColumn(name = "sample_id"))
    @OrderColumn(name = "position")
    @Column(name = "evidence_id")
    public List<UUID> population = new ArrayList<>();

    @OneToMany(mappedBy = "sample", cascade = CascadeType.PERSIST, fetch = FetchType.EAGER)
    @OrderBy("position")
    @BatchSize(size = 50)
    public List<SampleItem> items = new ArrayList<>();
}
