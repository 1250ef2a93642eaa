package org.compliancesuite.reporting.scope;

import java.time.Instant;
import java.util.List;

/**
 * The frameworks that count for the tenant's overall score and dashboard.
 *
 * @param frameworks the framework ids in scope: the chosen ones, or every framework the catalog lists when none were
 *     chosen
 * @param explicit whether a compliance manager chose the scope; false means every framework counts
 * @param notInCatalog chosen frameworks the catalog no longer lists for the tenant (they count for nothing)
 * @param updatedAt when the scope was last changed, null when it never was
 * @param updatedBy who changed it last
 * @param rule the rule in words
 */
public record FrameworkScopeView(
        List<String> frameworks,
        boolean explicit,
        List<String> notInCatalog,
        Instant updatedAt,
        String updatedBy,
        String rule) {

    static final String RULE =
            "only the frameworks in scope count toward the overall score and appear on the dashboard;"
                    + " when no scope was chosen (explicit=false) every framework the catalog lists for the tenant"
                    + " counts";
}
