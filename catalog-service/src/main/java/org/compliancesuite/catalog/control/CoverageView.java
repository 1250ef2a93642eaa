package org.compliancesuite.catalog.control;

import java.util.List;

/**
 * How much of one framework is covered by the controls mapped to another: a requirement counts as covered when at
 * least one control mapped to it is also mapped to some requirement of the other framework.
 */
public record CoverageView(
        String frameworkId,
        String byFrameworkId,
        int assessableRequirements,
        int coveredRequirements,
        double coveragePercent,
        List<Item> items) {

    /** One assessable requirement, the shared controls reaching it and the other framework's codes they satisfy. */
    public record Item(
            String code,
            String title,
            boolean covered,
            List<String> sharedControlIds,
            List<String> byRequirementCodes) {}
}
