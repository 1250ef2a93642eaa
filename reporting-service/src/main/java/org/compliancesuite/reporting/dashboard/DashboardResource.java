package org.compliancesuite.reporting.dashboard;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.reporting.export.ReportExport;
import org.compliancesuite.reporting.period.ReportingPeriod;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/v1/dashboard")
public class DashboardResource {

    /** How far back the trend reaches by default (and in the PDF chart): today and the 90 days before, 91 points. */
    private static final int CHART_DAYS = 90;

    @Inject
    DashboardService dashboards;

    @Inject
    DashboardHistory history;

    @Inject
    ReportExport export;

    @ConfigProperty(name = "reporting.remediation.default-period-days")
    int defaultRemediationDays;

    @GET
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.SECURITY_OFFICER})
    @Produces({MediaType.APPLICATION_JSON, "text/csv", "application/pdf"})
    @Operation(
            summary = "The tenant's compliance dashboard, computed from the catalog, the evidence and the key status",
            operationId = "getDashboard")
    @APIResponse(responseCode = "200", description = "The dashboard (JSON) or its export (format=csv|pdf|oscal)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "406", description = "OSCAL asked of a report that assesses nothing")
    @APIResponse(responseCode = "422", description = "Malformed date, period ending before it starts, unknown format")
    @APIResponse(responseCode = "502", description = "A source service failed; the detail names it")
    @APIResponse(responseCode = "503", description = "A source service is unreachable or too slow; the detail names it")
    public Response dashboard(
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("format") String format) {
        ReportingPeriod period = ReportingPeriod.of(
                from, to, ReportingPeriod.today().minusDays(defaultRemediationDays), ReportingPeriod.today());
        Dashboard dashboard = dashboards.compute(period);
        return export.render(
                format,
                dashboard,
                () -> DashboardDocument.of(
                        dashboard,
                        history.trend(
                                        ReportingPeriod.of(
                                                null,
                                                null,
                                                ReportingPeriod.today().minusDays(CHART_DAYS),
                                                ReportingPeriod.today()),
                                        0,
                                        CHART_DAYS + 1)
                                .items()),
                dashboard.computedAt().toString());
    }

    @GET
    @Path("/trend")
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.SECURITY_OFFICER})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Daily dashboard snapshots of the tenant in a period (default today and the 90 days before, which"
                    + " one default page of 91 holds), oldest first, with the days that have no snapshot",
            operationId = "getDashboardTrend")
    @APIResponse(responseCode = "200", description = "A page of daily snapshots and the gaps of the period")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "422", description = "Malformed date, period ending before it starts, bad paging")
    public TrendPage trend(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("91") @Min(1) @Max(366) int size) {
        ReportingPeriod period =
                ReportingPeriod.of(from, to, ReportingPeriod.today().minusDays(CHART_DAYS), ReportingPeriod.today());
        return history.trend(period, page, size);
    }
}
