package org.compliancesuite.catalog.maturity;

import java.time.Instant;
import java.util.List;

/** One assessment in a control's history, with its id and the names of its levels. */
public record AssessmentView(
        String id,
        String controlId,
        int currentLevel,
        String currentLevelName,
        int targetLevel,
        String targetLevelName,
        Instant assessedAt,
        String assessedBy,
        List<String> gaps,
        List<RemediationView> remediation) {}
