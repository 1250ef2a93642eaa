package org.compliancesuite.reporting.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.compliancesuite.reporting.upstream.CatalogRecords.ChecklistItem;
import org.compliancesuite.reporting.upstream.EvidenceRecords.ControlFreshness;

/**
 * Whether one requirement counts as covered: applicable, marked implemented in the tenant's checklist, mapped to at
 * least one common control, and at least one of those controls has accepted evidence that is still fresh.
 *
 * @param code the requirement code as the framework writes it
 * @param title its title
 * @param applicable whether the tenant declared it applicable
 * @param status the implementation status from the checklist
 * @param controlIds the common controls mapped to it
 * @param freshControlIds those with fresh accepted evidence
 * @param evidenceIds the latest accepted evidence of each mapped control (fresh or not), the records behind the figure
 * @param covered whether it counts toward the score
 * @param gaps why it is not covered (empty when covered or not applicable)
 */
public record RequirementCoverage(
        String code,
        String title,
        boolean applicable,
        String status,
        List<String> controlIds,
        List<String> freshControlIds,
        List<String> evidenceIds,
        boolean covered,
        List<String> gaps) {

    public static final String GAP_NOT_IMPLEMENTED = "not-implemented";
    public static final String GAP_NO_CONTROL = "no-control-mapped";
    public static final String GAP_NO_FRESH_EVIDENCE = "no-fresh-accepted-evidence";

    /** Applies the coverage rule to one checklist item with the freshness summary of the tenant's controls. */
    public static RequirementCoverage of(ChecklistItem item, Map<String, ControlFreshness> freshness) {
        List<String> controls = item.controls();
        List<String> fresh = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        for (String control : controls) {
            ControlFreshness f = freshness.get(control);
            if (f == null) {
                continue;
            }
            if (f.latestAcceptedEvidenceId() != null) {
                evidence.add(f.latestAcceptedEvidenceId());
            }
            if (f.fresh() && f.latestAcceptedEvidenceId() != null) {
                fresh.add(control);
            }
        }

        List<String> gaps = new ArrayList<>();
        if (item.isApplicable()) {
            if (!item.isImplemented()) {
                gaps.add(GAP_NOT_IMPLEMENTED);
            }
            if (controls.isEmpty()) {
                gaps.add(GAP_NO_CONTROL);
            } else if (fresh.isEmpty()) {
                gaps.add(GAP_NO_FRESH_EVIDENCE);
            }
        }
        boolean covered = item.isApplicable() && gaps.isEmpty();
        return new RequirementCoverage(
                item.code(),
                item.title(),
                item.isApplicable(),
                item.status(),
                controls,
                List.copyOf(fresh),
                List.copyOf(evidence),
                covered,
                List.copyOf(gaps));
    }
}
