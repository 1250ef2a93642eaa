package org.compliancesuite.evidence.sampling;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A sample, exactly as the service contract states it. */
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
        List<Item> items) {

    public record Item(String id, String evidenceId, String result, String note, String testedBy, Instant testedAt) {}

    static SampleView of(Sample s) {
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
                        .toList());
    }
}
