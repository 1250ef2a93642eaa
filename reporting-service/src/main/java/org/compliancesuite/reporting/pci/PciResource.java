package org.compliancesuite.reporting.pci;

import static org.compliancesuite.reporting.export.ReportDocument.cell;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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

@Path("/api/v1/reports/pci-dss")
public class PciResource {

    @Inject
    PciService pci;

    @Inject
    ReportExport export;

    @GET
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.SECURITY_OFFICER})
    @Produces({MediaType.APPLICATION_JSON, "text/csv", "application/pdf"})
    @Operation(
            summary = "PCI DSS v4.0.1 status per principal requirement and the implementation checklist",
            operationId = "getPciDssReport")
    @APIResponse(responseCode = "200", description = "The report (JSON) or its export (format=csv|pdf|oscal)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "The PCI DSS framework is unknown to the catalog")
    @APIResponse(responseCode = "422", description = "Unknown format")
    @APIResponse(responseCode = "502", description = "A source failed")
    @APIResponse(responseCode = "503", description = "A source is unreachable or too slow")
    public Response report(@QueryParam("format") String format) {
        PciReport report = pci.report();
        return export.render(format, report, () -> document(report), "live");
    }

    static ReportDocument document(PciReport r) {
        List<List<String>> principals = r.requirements().stream()
                .map(p -> List.of(
                        p.requirement(),
                        cell(p.title()),
                        p.status(),
                        cell(p.applicable()),
                        cell(p.implemented()),
                        cell(p.partial()),
                        cell(p.planned()),
                        cell(p.notStarted()),
                        cell(p.notApplicable())))
                .toList();
        List<List<String>> checklist = r.checklist().stream()
                .map(c -> List.of(
                        c.code(),
                        cell(c.title()),
                        c.status(),
                        cell(c.owner()),
                        cell(c.targetDate()),
                        String.join(" ", c.controlIds()),
                        String.join(" ", c.evidenceIds()),
                        c.evidenceFresh() ? "yes" : "no"))
                .toList();
        List<ReportDocument.AssessedItem> assessed = r.checklist().stream()
                .filter(PciReport.PciChecklistRow::applicable)
                .map(c -> new ReportDocument.AssessedItem(
                        c.code(),
                        c.title(),
                        "implemented".equals(c.status()) && c.evidenceFresh(),
                        "status " + c.status()
                                + (c.evidenceFresh() ? ", fresh accepted evidence" : ", no fresh evidence"),
                        c.evidenceIds()))
                .toList();
        long implemented = r.requirements().stream()
                .filter(p -> "implemented".equals(p.status()))
                .count();
        return new ReportDocument(
                "pci-dss",
                "PCI DSS v4.0.1 status",
                r.asOf(),
                List.of(
                        new ReportDocument.Fact(
                                "Principal requirements", cell(r.requirements().size())),
                        new ReportDocument.Fact("Fully implemented", cell(implemented)),
                        new ReportDocument.Fact(
                                "Checklist items", cell(r.checklist().size()))),
                List.of(
                        new ReportDocument.ReportTable(
                                "Implementation checklist",
                                List.of(
                                        "requirement",
                                        "title",
                                        "status",
                                        "owner",
                                        "target date",
                                        "common controls",
                                        "evidence",
                                        "fresh evidence"),
                                checklist),
                        new ReportDocument.ReportTable(
                                "Status per principal requirement",
                                List.of(
                                        "requirement",
                                        "title",
                                        "status",
                                        "applicable",
                                        "implemented",
                                        "partial",
                                        "planned",
                                        "not started",
                                        "not applicable"),
                                principals)),
                assessed,
                null);
    }
}
