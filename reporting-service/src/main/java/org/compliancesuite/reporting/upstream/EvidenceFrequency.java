package org.compliancesuite.reporting.upstream;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * How long evidence of a control stays fresh, as evidence-service applies it (collected-at plus the period, calendar
 * arithmetic in UTC; continuous controls are re-evidenced by monitors at least daily). evidence-service reports the
 * freshness of accepted evidence itself; reporting-service needs the window only for evidence still awaiting review.
 */
public enum EvidenceFrequency {
    CONTINUOUS("continuous", Period.ofDays(1)),
    DAILY("daily", Period.ofDays(1)),
    WEEKLY("weekly", Period.ofDays(7)),
    MONTHLY("monthly", Period.ofMonths(1)),
    QUARTERLY("quarterly", Period.ofMonths(3)),
    ANNUAL("annual", Period.ofYears(1));

    private final String value;
    private final Period period;

    EvidenceFrequency(String value, Period period) {
        this.value = value;
        this.period = period;
    }

    /** The end of the freshness window of evidence collected at {@code collectedAt}, or null for an unknown value. */
    public static Instant freshUntil(String frequency, Instant collectedAt) {
        if (collectedAt == null) {
            return null;
        }
        return Arrays.stream(values())
                .filter(f -> f.value.equals(frequency))
                .findFirst()
                .map(f -> collectedAt.atZone(ZoneOffset.UTC).plus(f.period).toInstant())
                .orElse(null);
    }
}
