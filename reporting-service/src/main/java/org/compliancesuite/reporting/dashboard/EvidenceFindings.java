package org.compliancesuite.reporting.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.compliancesuite.reporting.dashboard.Dashboard.Finding;
import org.compliancesuite.reporting.dashboard.Dashboard.StaleControl;
import org.compliancesuite.reporting.upstream.EvidenceFrequency;
import org.compliancesuite.reporting.upstream.EvidenceRecords.ControlFreshness;
import org.compliancesuite.reporting.upstream.EvidenceRecords.EvidenceSummary;
import org.compliancesuite.reporting.upstream.Sources;

/**
 * The evidence findings of a tenant, at most one per control. Evidence is collected again and again for the same
 * control (monthly evidence gives twelve items a year), so counting items would count every superseded one; a
 * control is what an auditor asks about. Only a control without fresh accepted evidence can have a finding, and its
 * latest evidence decides which:
 *
 * <ul>
 *   <li>stale-evidence: the latest item is accepted but past its freshness, or awaits review past its freshness, or
 *       the control maps to an applicable requirement in scope and never had evidence;
 *   <li>rejected-evidence: the latest item was rejected (nothing accepted and fresh came after it).
 * </ul>
 *
 * <p>A control whose latest item awaits review and is still within its window has no finding: evidence is on its
 * way. The cost is one freshness summary for all controls plus, only for a control without fresh evidence that has
 * rejected or pending items, one one-item page of its evidence: it depends on the number of controls, never on the
 * number of evidence items.
 */
final class EvidenceFindings {

    static final String STALE = "stale-evidence";
    static final String REJECTED = "rejected-evidence";

    static final String STALE_DEFINITION = "controls without fresh accepted evidence whose latest evidence is past its"
            + " freshness (accepted, or still awaiting review), and controls mapped to an applicable requirement in"
            + " scope that never had evidence; one per control, whatever the number of its older items";
    static final String REJECTED_DEFINITION = "controls whose latest evidence was rejected and that have no fresh"
            + " accepted evidence; one per control";

    private EvidenceFindings() {}

    record Result(List<Finding> stale, List<Finding> rejected, List<StaleControl> staleControls) {}

    /** The control's newest evidence item, as far as the finding needs it. */
    private record Latest(String id, String state, Instant collectedAt, Instant freshUntil) {}

    /**
     * @param freshness the freshness summary of every control that has evidence
     * @param mapped the controls mapped to an applicable requirement of a framework in scope
     */
    static Result of(Sources sources, Map<String, ControlFreshness> freshness, Set<String> mapped, Instant now) {
        Set<String> controls = new TreeSet<>(mapped);
        freshness.values().stream().filter(ControlFreshness::hasEvidence).forEach(f -> controls.add(f.controlId()));

        List<Finding> stale = new ArrayList<>();
        List<Finding> rejected = new ArrayList<>();
        List<StaleControl> staleControls = new ArrayList<>();
        for (String control : controls) {
            ControlFreshness summary = freshness.get(control);
            if (summary != null && summary.fresh()) {
                continue;
            }
            Latest latest = summary == null || !summary.hasEvidence() ? null : latest(sources, summary);
            String frequency = summary == null ? null : summary.evidenceFrequency();
            if (latest == null) {
                if (mapped.contains(control)) {
                    stale.add(finding(
                            STALE,
                            control,
                            "no evidence was ever collected for a control of an applicable requirement",
                            null,
                            null));
                    staleControls.add(new StaleControl(control, frequency, null, null, null, null, listing(control)));
                }
                continue;
            }
            if ("rejected".equals(latest.state())) {
                rejected.add(finding(
                        REJECTED,
                        control,
                        "the latest evidence (" + latest.id() + ") was rejected and no fresh accepted evidence"
                                + " replaces it",
                        latest.collectedAt(),
                        latest.id()));
                continue;
            }
            boolean awaitingReview = !"accepted".equals(latest.state());
            if (latest.freshUntil() != null && latest.freshUntil().isAfter(now)) {
                // Awaiting review within its window (evidence is on its way), or accepted after the summary was read.
                continue;
            }
            stale.add(finding(
                    STALE,
                    control,
                    awaitingReview
                            ? "the latest evidence (" + latest.id() + ") still awaits review and is past its freshness"
                            : "the latest accepted evidence (" + latest.id() + ") is past its freshness",
                    latest.freshUntil(),
                    latest.id()));
            staleControls.add(new StaleControl(
                    control,
                    frequency,
                    latest.id(),
                    latest.state(),
                    latest.collectedAt(),
                    latest.freshUntil(),
                    "evidence-service:/api/v1/evidence/" + latest.id()));
        }
        return new Result(stale, rejected, staleControls);
    }

    /**
     * When every item of the control is accepted, its latest accepted item (in the summary) is its newest; otherwise
     * its newest item is read, one item whatever the number of the control's items.
     */
    private static Latest latest(Sources sources, ControlFreshness summary) {
        if (summary.onlyAccepted() && summary.latestAcceptedEvidenceId() != null) {
            return latestAccepted(summary);
        }
        EvidenceSummary newest = sources.latestEvidenceOf(summary.controlId()).itemsOrEmpty().stream()
                .findFirst()
                .orElse(null);
        if (newest == null) {
            // The summary counted items the listing no longer shows (deleted meanwhile): fall back to the summary.
            return summary.latestAcceptedEvidenceId() == null ? null : latestAccepted(summary);
        }
        Instant freshUntil = newest.id().equals(summary.latestAcceptedEvidenceId())
                ? summary.freshUntil()
                : EvidenceFrequency.freshUntil(summary.evidenceFrequency(), newest.collectedAt());
        return new Latest(newest.id(), newest.state(), newest.collectedAt(), freshUntil);
    }

    private static Latest latestAccepted(ControlFreshness summary) {
        return new Latest(
                summary.latestAcceptedEvidenceId(),
                "accepted",
                summary.latestAcceptedCollectedAt(),
                summary.freshUntil());
    }

    private static Finding finding(String kind, String control, String title, Instant since, String evidenceId) {
        return new Finding(
                kind,
                control,
                title,
                List.of(control),
                since,
                evidenceId == null ? listing(control) : "evidence-service:/api/v1/evidence/" + evidenceId,
                evidenceId == null ? List.of() : List.of(evidenceId));
    }

    private static String listing(String control) {
        return "evidence-service:/api/v1/evidence?control=" + control;
    }
}
