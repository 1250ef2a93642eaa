package org.compliancesuite.catalog.maturity;

import java.time.Instant;
import java.util.List;

/** The latest assessment of a control, as the service contract describes it. */
public record MaturityView(
        String controlId,
        int currentLevel,
        int targetLevel,
        Instant assessedAt,
        String assessedBy,
        List<String> gaps,
        List<RemediationView> remediation) {}
