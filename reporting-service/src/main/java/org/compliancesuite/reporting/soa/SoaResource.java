package org.compliancesuite.reporting.soa;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.reporting.export.ReportExport;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/v1/reports/iso27001/soa")
public class SoaResource {

    @Inject
    SoaService soa;

    @Inject
    ReportExport export;

    @GET
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.SECURITY_OFFICER})
    @Produces({MediaType.APPLICATION_JSON, "text/csv", "application/pdf"})
    @Operation(
            summary = "The live ISO 27001 Statement of Applicability: all 93 Annex A controls",
            operationId = "getStatementOfApplicability")
    @APIResponse(responseCode = "200", description = "The statement (JSON) or its export (format=csv|pdf|oscal)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "The ISO 27001 framework is unknown to the catalog")
    @APIResponse(responseCode = "422", description = "Unknown format")
    @APIResponse(responseCode = "502", description = "A source failed or listed an incomplete Annex A")
    @APIResponse(responseCode = "503", description = "A source is unreachable or too slow")
    public Response current(@QueryParam("format") String format) {
        SoaReport report = soa.current();
        return export.render(format, report, () -> SoaDocument.of(report), "live");
    }

    @POST
    @Path("/snapshots")
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Issue the current statement as a numbered version with its approver",
            operationId = "issueStatementOfApplicability")
    @APIResponse(responseCode = "201", description = "The issued statement")
    @APIResponse(responseCode = "400", description = "Malformed body")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "409", description = "The version was already issued")
    @APIResponse(responseCode = "422", description = "Missing or invalid version or approver")
    @APIResponse(responseCode = "502", description = "A source failed")
    @APIResponse(responseCode = "503", description = "A source is unreachable or too slow")
    public Response issue(@Valid @NotNull SoaIssueRequest request) {
        SoaReport issued = soa.issue(request);
        return Response.created(URI.create("/api/v1/reports/iso27001/soa/snapshots/"
                        + issued.issue().snapshotId()))
                .entity(issued)
                .build();
    }

    @GET
    @Path("/snapshots")
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.SECURITY_OFFICER})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The issued statements, newest first", operationId = "listStatementsOfApplicability")
    @APIResponse(responseCode = "200", description = "A page of issued statements")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "422", description = "Bad paging")
    public SoaSnapshotPage issued(
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return soa.issuedList(page, size);
    }

    @GET
    @Path("/snapshots/{id}")
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.SECURITY_OFFICER})
    @Produces({MediaType.APPLICATION_JSON, "text/csv", "application/pdf"})
    @Operation(summary = "One issued statement, exactly as issued", operationId = "getIssuedStatementOfApplicability")
    @APIResponse(responseCode = "200", description = "The issued statement (JSON) or its export")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown snapshot or another tenant's")
    @APIResponse(responseCode = "422", description = "Unknown format")
    public Response issuedOne(@PathParam("id") String id, @QueryParam("format") String format) {
        SoaReport report = soa.issued(id);
        return export.render(
                format, report, () -> SoaDocument.of(report), report.issue().version());
    }
}
