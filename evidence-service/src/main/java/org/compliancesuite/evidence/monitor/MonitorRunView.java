package org.compliancesuite.evidence.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A monitor run, exactly as the service contract states it. */
public record MonitorRunView(
        String monitor,
        String runId,
        String evidenceId,
        Instant ranAt,
        boolean passed,
        Map<String, Object> figures,
        List<Finding> findings) {}
