package org.compliancesuite.evidence.freshness;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

/**
 * How often a control needs new evidence, as catalog-service states it. Evidence is fresh until collected-at plus
 * the period. Continuous controls are watched by monitors that run at least daily, so their evidence is fresh one day.
 */
public enum Frequency {
    CONTINUOUS("continuous", Period.ofDays(1)),
    DAILY("daily", Period.ofDays(1)),
    WEEKLY("weekly", Period.ofDays(7)),
    MONTHLY("monthly", Period.ofMonths(1)),
    QUARTERLY("quarterly", Period.ofMonths(3)),
    ANNUAL("annual", Period.ofYears(1));

    private final String value;
    private final Period period;

    Frequency(String value, Period period) {
        this.value = value;
        this.period = period;
    }

    public String value() {
        return value;
    }

    public static Optional<Frequency> parse(String value) {
        return Arrays.stream(values()).filter(f -> f.value.equals(value)).findFirst();
    }

    public static Frequency of(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("unknown evidence frequency"));
    }

    /** Calendar arithmetic in UTC, so a monthly control collected on 31 January is fresh until 28/29 February. */
    public Instant freshUntil(Instant collectedAt) {
        return collectedAt.atZone(ZoneOffset.UTC).plus(period).toInstant();
    }
}
