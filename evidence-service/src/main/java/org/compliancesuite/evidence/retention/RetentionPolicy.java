package org.compliancesuite.evidence.retention;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Collection;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How long evidence must be kept, from the frameworks it supports (its requirements and its controls' mappings). The
 * longest applicable rule wins.
 */
@ApplicationScoped
public class RetentionPolicy {

    // 45 CFR 164.316(b)(2)(i): HIPAA documentation is retained 6 years from its creation or the date when it was last
    // in effect, whichever is later.
    @ConfigProperty(name = "evidence.retention.hipaa", defaultValue = "P6Y")
    Period hipaa;

    // PCI DSS v4.0.1 10.5.1: audit log history is retained for at least 12 months.
    @ConfigProperty(name = "evidence.retention.pci", defaultValue = "P12M")
    Period pci;

    /** For evidence that supports no framework with a legal retention period; a suite default. */
    @ConfigProperty(name = "evidence.retention.default", defaultValue = "P1Y")
    Period fallback;

    /** The retention deadline and the rule that set it. */
    public record Retention(Instant retainUntil, String basis) {}

    /**
     * @param createdAt when the evidence was created
     * @param periodEnd the last day the evidence was in effect, or null
     * @param frameworkIds the frameworks the evidence supports
     */
    public Retention retentionFor(Instant createdAt, LocalDate periodEnd, Collection<String> frameworkIds) {
        Instant lastInEffect = createdAt;
        if (periodEnd != null) {
            Instant endOfPeriod =
                    periodEnd.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            lastInEffect = endOfPeriod.isAfter(createdAt) ? endOfPeriod : createdAt;
        }
        Retention result = new Retention(plus(createdAt, fallback), "suite default " + fallback);
        if (frameworkIds.stream().anyMatch(id -> id.startsWith("pci-dss"))) {
            result = longer(result, new Retention(plus(createdAt, pci), "PCI DSS 10.5.1 " + pci));
        }
        if (frameworkIds.stream().anyMatch(id -> id.startsWith("hipaa"))) {
            result = longer(result, new Retention(plus(lastInEffect, hipaa), "45 CFR 164.316(b)(2) " + hipaa));
        }
        return result;
    }

    private static Retention longer(Retention a, Retention b) {
        return b.retainUntil().isBefore(a.retainUntil()) ? a : b;
    }

    private static Instant plus(Instant start, Period period) {
        return start.atZone(ZoneOffset.UTC).plus(period).toInstant();
    }
}
