package org.compliancesuite.evidence.monitor;

import java.util.List;
import java.util.Map;

/** What one monitor run measured: pass or fail, the figures, and the findings that made it fail. */
public record MonitorResult(Monitor monitor, boolean passed, Map<String, Object> figures, List<Finding> findings) {

    static MonitorResult of(Monitor monitor, Map<String, Object> figures, List<Finding> findings) {
        return new MonitorResult(monitor, findings.isEmpty(), figures, List.copyOf(findings));
    }
}
