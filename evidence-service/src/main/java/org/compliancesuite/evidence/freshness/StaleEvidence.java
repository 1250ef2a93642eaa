package org.compliancesuite.evidence.freshness;

import java.time.Instant;
import java.util.List;

/** Evidence past (or near) the end of its freshness. */
public record StaleEvidence(
        String id, String title, List<String> controlIds, Instant collectedAt, Instant freshUntil) {}
