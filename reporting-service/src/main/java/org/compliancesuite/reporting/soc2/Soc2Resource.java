package org.compliancesuite.reporting.soc2;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.reporting.export.ReportExport;
import org.compliancesuite.reporting.period.ReportingPeriod;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/v1/reports/soc2")
public class Soc2Resource {

    /** AICPA SOC 2 Type II practice: an examination period of at least 3 and at most 12 months. */
    static final int MIN_PERIOD_MONTHS = 3;

    static final int MAX_PERIOD_MONTHS = 12;

    @Inject
    Soc2Service soc2;

    @Inject
    ReportExport export;

    @GET
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.SECURITY_OFFICER})
    @Produces({MediaType.APPLICATION_JSON, "text/csv", "application/pdf"})
    @Operation(
            summary = "SOC 2 Type I (type=type1&asOf=, today within REPORT_TYPE1_ASOF_TOLERANCE_DAYS) or Type II"
                    + " (type=type2&from=&to=, 3 to 12 months)",
            operationId = "getSoc2Report")
    @APIResponse(responseCode = "200", description = "The report (JSON) or its export (format=csv|pdf|oscal)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "The SOC 2 framework is unknown to the catalog")
    @APIResponse(
            responseCode = "422",
            description =
                    "Unknown type, missing or malformed date, period ending before it starts, period shorter than 3"
                            + " or longer than 12 months, Type I as-of date other than today (the catalog keeps no"
                            + " status history), unknown format")
    @APIResponse(responseCode = "502", description = "A source failed")
    @APIResponse(responseCode = "503", description = "A source is unreachable or too slow")
    public Response report(
            @QueryParam("type") String type,
            @QueryParam("asOf") String asOf,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("format") String format) {
        Soc2Report report;
        if (Soc2Service.TYPE_1.equals(type)) {
            LocalDate date =
                    asOf == null || asOf.isBlank() ? ReportingPeriod.today() : ReportingPeriod.date("asOf", asOf);
            report = soc2.typeOne(date);
        } else if (Soc2Service.TYPE_2.equals(type)) {
            ReportingPeriod period = ReportingPeriod.required(from, to);
            requireTypeTwoLength(period);
            report = soc2.typeTwo(period.from(), period.to());
        } else {
            throw ProblemException.unprocessable("type", "must be one of type1, type2");
        }
        Soc2Report result = report;
        return export.render(
                format, result, () -> Soc2Document.of(result), result.periodStart() + "/" + result.periodEnd());
    }

    /** Both ends count: 2026-01-01 to 2026-03-31 is 3 months, 2026-01-01 to 2026-12-31 is 12. */
    static void requireTypeTwoLength(ReportingPeriod period) {
        LocalDate shortestEnd = period.from().plusMonths(MIN_PERIOD_MONTHS).minusDays(1);
        LocalDate longestEnd = period.from().plusMonths(MAX_PERIOD_MONTHS).minusDays(1);
        if (period.to().isBefore(shortestEnd) || period.to().isAfter(longestEnd)) {
            throw ProblemException.unprocessable(
                    "to",
                    "a Type II period lasts 3 to 12 months: from " + period.from() + " it ends between " + shortestEnd
                            + " and " + longestEnd);
        }
    }
}
