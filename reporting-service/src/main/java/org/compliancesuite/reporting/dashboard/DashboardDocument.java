package org.compliancesuite.reporting.dashboard;

import static org.compliancesuite.reporting.export.ReportDocument.cell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.compliancesuite.reporting.export.ReportDocument;
import org.compliancesuite.reporting.export.ReportDocument.AssessedItem;
import org.compliancesuite.reporting.export.ReportDocument.Fact;
import org.compliancesuite.reporting.export.ReportDocument.ReportTable;

/** The dashboard laid out for CSV, PDF (with its chart) and OSCAL. */
final class DashboardDocument {

    private DashboardDocument() {}

    static ReportDocument of(Dashboard d, List<TrendPoint> trend) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact(
                "Overall score", cell(d.overall().score()) + " (" + d.overall().status() + ")"));
        facts.add(new Fact(
                "Requirements covered",
                d.overall().coveredRequirements() + " of " + d.overall().applicableRequirements() + " applicable"));
        facts.add(new Fact(
                "Frameworks in scope",
                String.join(", ", d.scope().frameworks())
                        + (d.scope().explicit() ? " (chosen)" : " (no scope chosen: every framework counts)")));
        facts.add(new Fact("Open findings", cell(d.openFindings().total())));
        facts.add(
                new Fact("Controls with stale evidence", cell(d.staleEvidence().total())));
        Dashboard.RemediationRate rate = d.remediation();
        String rateText = rate.ratePercent() == null
                ? "no items in the period"
                : rate.ratePercent() + " % (" + rate.closedItems() + " of " + rate.totalItems() + ")";
        if (rate.closedAtUnknownItems() > 0) {
            rateText += "; " + rate.closedAtUnknownItems() + " done without a closing time, left out";
        }
        facts.add(new Fact("Remediation rate " + rate.from() + " to " + rate.to(), rateText));
        facts.add(new Fact("Remediation rate rule", d.remediation().definition()));
        facts.add(new Fact(
                "Training completion",
                d.training() == null
                        ? "no training monitor run"
                        : cell(d.training().completionPercent()) + " %"));
        facts.add(new Fact("Scoring", d.scoring().formula()));
        facts.add(new Fact("Status thresholds", d.scoring().statusRule()));

        List<List<String>> frameworks = d.frameworks().stream()
                .map(f -> List.of(
                        f.frameworkId(),
                        cell(f.name()),
                        cell(f.score()),
                        f.status(),
                        cell(f.applicableRequirements()),
                        cell(f.coveredRequirements()),
                        cell(f.nextAudit().lastAuditDate()),
                        cell(f.nextAudit().nextAuditDate()),
                        f.nextAudit().overdue() ? "overdue" : ""))
                .toList();
        List<List<String>> findings = d.openFindings().items().stream()
                .map(f -> List.of(
                        f.kind(),
                        cell(f.id()),
                        cell(f.title()),
                        String.join(" ", f.controlIds()),
                        String.join(" ", f.evidenceIds()),
                        cell(f.record())))
                .toList();
        List<List<String>> monitors = new ArrayList<>();
        for (Dashboard.MonitorFigure m : monitorList(d.monitors())) {
            for (Map.Entry<String, Double> figure : m.figures().entrySet()) {
                monitors.add(List.of(
                        m.monitor(),
                        figure.getKey(),
                        cell(figure.getValue()),
                        cell(m.passed()),
                        cell(m.ranAt()),
                        cell(m.runId()),
                        cell(m.evidenceId())));
            }
        }
        for (Dashboard.KeyRotation k : d.monitors().vaultKeys().keys()) {
            monitors.add(List.of(
                    "vault-keys",
                    k.name(),
                    "v" + cell(k.latestVersion()) + " rotated " + cell(k.lastRotatedAt()),
                    k.overdue() ? "false" : "true",
                    "",
                    "",
                    ""));
        }

        Dashboard.RemediationRate r = d.remediation();
        List<List<String>> remediation = new ArrayList<>();
        r.closedItemIds().forEach(id -> remediation.add(List.of(id, "closed in the period")));
        r.openItemIds()
                .forEach(id -> remediation.add(
                        List.of(id, r.closedAfterPeriodItemIds().contains(id) ? "closed after the period" : "open")));
        r.closedAtUnknownItemIds().forEach(id -> remediation.add(List.of(id, "done, closing time unknown")));
        List<List<String>> training = d.training() == null
                ? List.of()
                : List.of(List.of(
                        cell(d.training().assigned()),
                        cell(d.training().completed()),
                        cell(d.training().completionPercent()),
                        cell(d.training().ranAt()),
                        cell(d.training().runId()),
                        cell(d.training().evidenceId())));

        List<AssessedItem> assessed = d.frameworks().stream()
                .map(f -> new AssessedItem(
                        f.frameworkId(),
                        f.name(),
                        "compliant".equals(f.status()),
                        "score " + cell(f.score()) + " (" + f.coveredRequirements() + " of "
                                + f.applicableRequirements() + " applicable requirements covered); uncovered: "
                                + (f.uncoveredRequirements().isEmpty()
                                        ? "none"
                                        : String.join(", ", f.uncoveredRequirements())),
                        f.evidenceIds()))
                .toList();

        ReportDocument.Chart chart = new ReportDocument.Chart(
                d.frameworks().stream()
                        .map(f -> new ReportDocument.Bar(f.frameworkId(), f.score()))
                        .toList(),
                trend.stream()
                        .map(p -> new ReportDocument.TrendPoint(p.date(), p.overallScore()))
                        .toList());
        return new ReportDocument(
                "dashboard",
                "Compliance dashboard",
                d.asOf(),
                facts,
                List.of(
                        new ReportTable(
                                "Frameworks",
                                List.of(
                                        "framework",
                                        "name",
                                        "score",
                                        "status",
                                        "applicable",
                                        "covered",
                                        "last audit",
                                        "next audit",
                                        "audit overdue"),
                                frameworks),
                        new ReportTable(
                                "Open findings",
                                List.of("kind", "id", "title", "controls", "evidence", "record"),
                                findings),
                        new ReportTable(
                                "Monitor figures",
                                List.of("monitor", "figure", "value", "passed", "ran at", "run", "evidence"),
                                monitors),
                        new ReportTable(
                                "Remediation " + r.from() + " to " + r.to(), List.of("item", "state"), remediation),
                        new ReportTable(
                                "Training",
                                List.of("assigned", "completed", "completion %", "ran at", "run", "evidence"),
                                training)),
                assessed,
                chart);
    }

    private static List<Dashboard.MonitorFigure> monitorList(Dashboard.MonitorFigures m) {
        List<Dashboard.MonitorFigure> list = new ArrayList<>();
        for (Dashboard.MonitorFigure f :
                new Dashboard.MonitorFigure[] {m.identity(), m.tls(), m.keyRotation(), m.training()}) {
            if (f != null) {
                list.add(f);
            }
        }
        return list;
    }
}
