package org.compliancesuite.reporting.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** One day of the tenant's trend: the last dashboard computed that day. */
public record TrendPoint(
        LocalDate date,
        Double overallScore,
        String overallStatus,
        Map<String, Double> frameworks,
        int openFindings,
        Instant dataAsOf,
        Instant computedAt,
        String computedBy) {}
