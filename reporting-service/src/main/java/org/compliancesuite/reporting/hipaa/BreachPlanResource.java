package org.compliancesuite.reporting.hipaa;

import static org.compliancesuite.reporting.export.ReportDocument.cell;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.reporting.export.ReportDocument;
import org.compliancesuite.reporting.export.ReportExport;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/v1/reports/hipaa/breach-plan")
public class BreachPlanResource {

    @Inject
    BreachPlanService plans;

    @Inject
    ReportExport export;

    @POST
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER, Roles.SECURITY_OFFICER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, "text/csv", "application/pdf"})
    @Operation(
            summary = "HIPAA breach notification plan with exact due dates (45 CFR 164.404 to 164.412)",
            operationId = "planBreachNotification")
    @APIResponse(responseCode = "200", description = "The plan (JSON) or its export (format=csv|pdf)")
    @APIResponse(responseCode = "400", description = "Malformed JSON")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "406", description = "format=oscal: the plan assesses nothing")
    @APIResponse(
            responseCode = "422",
            description =
                    "Missing date, a count that is not a whole JSON number of 0 or more (fraction, boolean, string),"
                            + " unknown state or territory, inconsistent counts,"
                            + " written delay without end, unknown format")
    public Response plan(@Valid @NotNull BreachPlanRequest request, @QueryParam("format") String format) {
        BreachNotificationPlan plan = plans.plan(request);
        return export.render(
                format, plan, () -> document(plan), plan.computedAt().toString());
    }

    static ReportDocument document(BreachNotificationPlan p) {
        List<ReportDocument.Fact> facts = new ArrayList<>();
        facts.add(new ReportDocument.Fact("Discovery date", cell(p.discoveryDate())));
        facts.add(new ReportDocument.Fact("Affected individuals", cell(p.totalAffected())));
        facts.add(new ReportDocument.Fact(
                "Affected per state", p.affectedByState().toString()));
        facts.add(new ReportDocument.Fact(
                "Discovered by business associate", p.discoveredByBusinessAssociate() ? "yes" : "no"));
        facts.add(new ReportDocument.Fact("Without contact details", cell(p.missingContactCount())));
        if (p.delay() != null) {
            facts.add(new ReportDocument.Fact(
                    "Law-enforcement delay",
                    p.delay().statementKind() + " statement of " + p.delay().statementDate() + " until "
                            + p.delay().delayEnd() + " (" + p.delay().rule() + ")"));
        }
        List<List<String>> rows = p.tasks().stream()
                .map(t -> List.of(
                        t.code(),
                        t.title(),
                        t.rule(),
                        t.audience(),
                        cell(t.jurisdiction()),
                        cell(t.dueDate()),
                        cell(t.notBefore()),
                        t.basis()))
                .toList();
        return new ReportDocument(
                "hipaa-breach-plan",
                "HIPAA breach notification plan",
                p.computedAt(),
                facts,
                List.of(new ReportDocument.ReportTable(
                        "Notifications",
                        List.of("task", "what", "rule", "audience", "jurisdiction", "due", "not before", "basis"),
                        rows)),
                List.of(),
                null);
    }
}
