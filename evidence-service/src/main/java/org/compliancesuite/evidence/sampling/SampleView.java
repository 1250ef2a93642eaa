package org.compliancesuite.evidence.sampling;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A sample, as the service contract states it. {@code populationIds} is the population the draw was made from, in the
 * draw's order; it is given for one sample (and for a new draw), not in lists.
 */
public record SampleView(
        String id,
        String controlId,
        LocalDate periodStart,
        LocalDate periodEnd,
        String frequency,
        int sampleSize,
        int populationSize,
        long seed,
        Instant drawnAt,
        List<Item> items,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> populationIds) {

    public record Item(String id, String evidenceId, String result, String note, String testedBy, Instant testedAt) {}

    /** Without the population, for lists. */
    static SampleView of(Sample s) {
        return of(s, null);
    }

    /** With the population the draw was made from. */
    static SampleView withPopulation(Sample s) {
        return of(s, s.population.stream().map(UUID::toString).toList());
    }

    private static SampleView of(Sample s, List<String> populationIds) {
        return new SampleView(
                s.id.toString(),
                s.controlId,
                s.periodStart,
                s.periodEnd,
                s.frequency,
                s.sampleSize,
                s.populationSize,
                s.seed,
                s.drawnAt,
                s.items.stream()
                        .map(i -> new Item(
                                i.id.toString(), i.evidenceId.toString(), i.result, i.note, i.testedBy, i.testedAt))
                        .toList(),
                populationIds);
    }
}
