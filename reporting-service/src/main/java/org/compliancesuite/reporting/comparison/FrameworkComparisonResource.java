package org.compliancesuite.reporting.comparison;

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

@Path("/api/v1/reports/frameworks/comparison")
public class FrameworkComparisonResource {

    @Inject
    FrameworkComparisonService comparisons;

    @Inject
    ReportExport export;

    @GET
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.SECURITY_OFFICER})
    @Produces({MediaType.APPLICATION_JSON, "text/csv", "application/pdf"})
    @Operation(
            summary = "Compare frameworks by scope, audit type, frequency and cost (all, or those named by framework=)",
            operationId = "compareFrameworks")
    @APIResponse(responseCode = "200", description = "The comparison (JSON) or its export (format=csv|pdf)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "A named framework is unknown")
    @APIResponse(responseCode = "406", description = "format=oscal: the comparison assesses nothing")
    @APIResponse(responseCode = "422", description = "Unknown format")
    @APIResponse(responseCode = "502", description = "catalog-service failed")
    @APIResponse(responseCode = "503", description = "catalog-service is unreachable or too slow")
    public Response compare(@QueryParam("framework") List<String> ids, @QueryParam("format") String format) {
        FrameworkComparison comparison = comparisons.compare(ids);
        return export.render(format, comparison, () -> document(comparison), "live");
    }

    static ReportDocument document(FrameworkComparison c) {
        List<List<String>> rows = c.frameworks().stream()
                .map(f -> List.of(
                        f.id(),
                        cell(f.name()),
                        cell(f.version()),
                        cell(f.scope()),
                        cell(f.auditType()),
                        cell(f.auditFrequency()),
                        cell(f.auditIntervalMonths()),
                        cell(f.costMinUsd()),
                        cell(f.costMaxUsd()),
                        cell(f.requirementCount())))
                .toList();
        return new ReportDocument(
                "framework-comparison",
                "Framework comparison",
                c.asOf(),
                List.of(new ReportDocument.Fact(
                        "Frameworks", cell(c.frameworks().size()))),
                List.of(new ReportDocument.ReportTable(
                        "Frameworks",
                        List.of(
                                "framework",
                                "name",
                                "version",
                                "scope",
                                "audit type",
                                "audit frequency",
                                "interval (months)",
                                "cost min (USD)",
                                "cost max (USD)",
                                "requirements"),
                        rows)),
                List.of(),
                null);
    }
}
