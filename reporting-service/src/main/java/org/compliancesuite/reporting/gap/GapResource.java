package org.compliancesuite.reporting.gap;

import static org.compliancesuite.reporting.export.ReportDocument.cell;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.reporting.export.ReportDocument;
import org.compliancesuite.reporting.export.ReportExport;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/v1/reports/gaps/{frameworkId}")
public class GapResource {

    @Inject
    GapService gaps;

    @Inject
    ReportExport export;

    @GET
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.SECURITY_OFFICER})
    @Produces({MediaType.APPLICATION_JSON, "text/csv", "application/pdf"})
    @Operation(
            summary = "Gap analysis of a framework: uncovered requirements, maturity against target, remediation plan",
            operationId = "getGapAnalysis")
    @APIResponse(responseCode = "200", description = "The report (JSON) or its export (format=csv|pdf|oscal)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown framework")
    @APIResponse(responseCode = "422", description = "Unknown format")
    @APIResponse(responseCode = "502", description = "A source failed")
    @APIResponse(responseCode = "503", description = "A source is unreachable or too slow")
    public Response report(@PathParam("frameworkId") String frameworkId, @QueryParam("format") String format) {
        GapReport report = gaps.analyse(frameworkId);
        return export.render(format, report, () -> document(report), "live");
    }

    static ReportDocument document(GapReport r) {
        List<List<String>> requirements = r.requirements().stream()
                .map(g -> List.of(
                        g.code(),
                        cell(g.title()),
                        g.status(),
                        String.join(", ", g.reasons()),
                        String.join(" ", g.controlIds()),
                        cell(g.owner()),
                        cell(g.targetDate())))
                .toList();
        List<List<String>> maturity = r.maturity().stream()
                .map(m -> List.of(
                        m.controlId(),
                        cell(m.currentLevel()),
                        cell(m.targetLevel()),
                        cell(m.levelsShort()),
                        String.join("; ", m.gaps())))
                .toList();
        List<List<String>> plan = r.remediationPlan().stream()
                .map(p -> List.of(
                        cell(p.id()),
                        p.controlId(),
                        cell(p.description()),
                        cell(p.owner()),
                        cell(p.dueDate()),
                        cell(p.status()),
                        p.overdue() ? "overdue" : ""))
                .toList();
        List<ReportDocument.AssessedItem> assessed = r.requirements().stream()
                .map(g -> new ReportDocument.AssessedItem(
                        g.code(), g.title(), false, "gap: " + String.join(", ", g.reasons()), g.evidenceIds()))
                .toList();
        return new ReportDocument(
                "gaps-" + r.frameworkId(),
                "Gap analysis: " + (r.name() == null ? r.frameworkId() : r.name()),
                r.asOf(),
                List.of(
                        new ReportDocument.Fact("Framework", r.frameworkId()),
                        new ReportDocument.Fact(
                                "Covered",
                                r.coveredRequirements() + " of " + r.applicableRequirements() + " applicable ("
                                        + cell(r.score()) + ")"),
                        new ReportDocument.Fact(
                                "Requirements with gaps", cell(r.requirements().size())),
                        new ReportDocument.Fact(
                                "Controls below target maturity",
                                cell(r.maturity().size())),
                        new ReportDocument.Fact(
                                "Remediation items", cell(r.remediationPlan().size()))),
                List.of(
                        new ReportDocument.ReportTable(
                                "Requirements with gaps",
                                List.of(
                                        "requirement",
                                        "title",
                                        "status",
                                        "reasons",
                                        "controls",
                                        "owner",
                                        "target date"),
                                requirements),
                        new ReportDocument.ReportTable(
                                "Maturity against target",
                                List.of("control", "current", "target", "levels short", "gaps"),
                                maturity),
                        new ReportDocument.ReportTable(
                                "Remediation plan",
                                List.of("item", "control", "description", "owner", "due", "status", "overdue"),
                                plan)),
                assessed,
                null);
    }
}
