package org.compliancesuite.reporting.scoring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/**
 * How scores are computed and read, stated in every dashboard response so that a number can be checked by hand.
 *
 * <p>Framework score = 100 x (sum of weights of covered applicable requirements) / (sum of weights of applicable
 * requirements), rounded to one decimal. Every applicable requirement weighs 1; a covered one counts 1, any other 0.
 * Overall score = the same ratio over the applicable requirements of all frameworks in the tenant's scope together
 * (each framework weighs as many requirements as it has applicable; every framework counts when no scope was
 * chosen). Not-applicable requirements are left out of both sums.
 */
@ConfigMapping(prefix = "reporting.status")
public interface ScoringMethod {

    String FORMULA = "score = 100 * covered / applicable, rounded to 0.1; a requirement is covered when it is "
            + "applicable, its checklist status is 'implemented', it maps to at least one common control and at "
            + "least one mapped control has accepted evidence that is fresh (evidence-service freshness); overall = "
            + "the same ratio over the applicable requirements of all frameworks in the tenant's scope together (every"
            + " framework the catalog lists when no scope was chosen)";

    /** Lowest score that reads 'compliant'. */
    @WithName("compliant-min")
    double compliantMin();

    /** Lowest score that reads 'in-progress'; below it 'non-compliant'. */
    @WithName("in-progress-min")
    double inProgressMin();

    /** The status a score reads as; null for no applicable requirements at all. */
    default String statusOf(Double score) {
        if (score == null) {
            return "not-assessed";
        }
        if (score >= compliantMin()) {
            return "compliant";
        }
        return score >= inProgressMin() ? "in-progress" : "non-compliant";
    }

    /** 100 * part / whole rounded to one decimal, or null when whole is zero. */
    static Double percent(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return Math.round(1000.0 * part / whole) / 10.0;
    }
}
