package org.compliancesuite.catalog.maturity;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import org.compliancesuite.catalog.Page;
import org.compliancesuite.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Maturity assessments of one common control for the tenant: add one, read the history. */
@Path("/api/v1/controls/{controlId}/maturity")
@Produces(MediaType.APPLICATION_JSON)
public class ControlMaturityResource {

    @Inject
    MaturityService maturity;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER})
    @Transactional
    @Operation(
            summary =
                    "Record a maturity assessment of a control (levels 0-4, gaps, remediation); earlier ones are kept",
            operationId = "assessMaturity")
    @APIResponse(responseCode = "201", description = "The assessment was stored")
    @APIResponse(responseCode = "400", description = "Malformed JSON or unknown field")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown control")
    @APIResponse(
            responseCode = "422",
            description = "Level outside 0-4, invalid status value, or no gap named while below target")
    public Response assess(@PathParam("controlId") String controlId, @Valid @NotNull AssessmentRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(maturity.assess(controlId, request))
                .build();
    }

    @GET
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.SECURITY_OFFICER})
    @Transactional
    @Operation(summary = "The tenant's assessments of a control, newest first", operationId = "maturityHistory")
    @APIResponse(responseCode = "200", description = "A page of assessments")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown control")
    @APIResponse(responseCode = "422", description = "Invalid paging")
    public Page<AssessmentView> history(
            @PathParam("controlId") String controlId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return maturity.history(controlId, page, size);
    }
}
