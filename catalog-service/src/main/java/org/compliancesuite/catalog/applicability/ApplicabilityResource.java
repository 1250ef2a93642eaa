package org.compliancesuite.catalog.applicability;

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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.compliancesuite.catalog.Page;
import org.compliancesuite.catalog.framework.Framework;
import org.compliancesuite.catalog.framework.Requirement;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The tenant's applicability decisions (Statement of Applicability input) and the implementation checklist. */
@Path("/api/v1/frameworks/{frameworkId}")
@Produces(MediaType.APPLICATION_JSON)
public class ApplicabilityResource {

    @Inject
    Caller caller;

    @Inject
    ApplicabilityService applicability;

    @GET
    @Path("/requirements/{code}/applicability")
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.SECURITY_OFFICER})
    @Transactional
    @Operation(summary = "The tenant's decision on one requirement", operationId = "getApplicability")
    @APIResponse(responseCode = "200", description = "The decision, or the default (applicable, not started)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown framework or requirement")
    public ApplicabilityView get(@PathParam("frameworkId") String frameworkId, @PathParam("code") String code) {
        Framework.require(frameworkId, caller.tenant());
        return applicability.get(Requirement.require(frameworkId, code));
    }

    @PUT
    @Path("/requirements/{code}/applicability")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER})
    @Transactional
    @Operation(
            summary = "Set whether a requirement applies, why not, its implementation status, owner and target date",
            operationId = "setApplicability")
    @APIResponse(responseCode = "200", description = "The stored decision")
    @APIResponse(responseCode = "400", description = "Malformed JSON or unknown field")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown framework or requirement")
    @APIResponse(responseCode = "409", description = "The framework is retired")
    @APIResponse(
            responseCode = "422",
            description = "Exclusion without justification, status contradicting applicability, invalid status value,"
                    + " or a grouping requirement")
    public ApplicabilityView set(
            @PathParam("frameworkId") String frameworkId,
            @PathParam("code") String code,
            @Valid @NotNull ApplicabilityRequest request) {
        Framework framework = Framework.require(frameworkId, caller.tenant());
        return applicability.set(framework, Requirement.require(frameworkId, code), request);
    }

    @GET
    @Path("/applicability")
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.SECURITY_OFFICER})
    @Transactional
    @Operation(
            summary = "The decisions the tenant recorded for a framework, in catalog order, paged",
            operationId = "listApplicability")
    @APIResponse(responseCode = "200", description = "A page of recorded decisions")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown framework or another tenant's")
    @APIResponse(responseCode = "422", description = "Invalid paging")
    public Page<ApplicabilityView> list(
            @PathParam("frameworkId") String frameworkId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return applicability.recorded(Framework.require(frameworkId, caller.tenant()), page, size);
    }

    @PUT
    @Path("/applicability")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER})
    @Transactional
    @Operation(
            summary = "Set the decisions on many requirements of a framework at once, all or nothing",
            operationId = "setApplicabilityBulk")
    @APIResponse(responseCode = "200", description = "All decisions were stored")
    @APIResponse(responseCode = "400", description = "Malformed JSON or unknown field")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown framework")
    @APIResponse(responseCode = "409", description = "A code is listed twice, or the framework is retired")
    @APIResponse(responseCode = "422", description = "Unknown codes or rule breaches; nothing was stored")
    public BulkApplicabilityResult setAll(
            @PathParam("frameworkId") String frameworkId, @Valid @NotNull BulkApplicabilityRequest request) {
        Framework framework = Framework.require(frameworkId, caller.tenant());
        return applicability.setAll(framework, request);
    }

    @GET
    @Path("/checklist")
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.SECURITY_OFFICER})
    @Transactional
    @Operation(
            summary = "The implementation checklist: every assessable requirement with the tenant's decision and the"
                    + " common controls mapped to it",
            operationId = "getChecklist")
    @APIResponse(responseCode = "200", description = "The checklist in catalog order")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown framework or another tenant's")
    public ChecklistView checklist(@PathParam("frameworkId") String frameworkId) {
        return applicability.checklist(Framework.require(frameworkId, caller.tenant()));
    }
}
