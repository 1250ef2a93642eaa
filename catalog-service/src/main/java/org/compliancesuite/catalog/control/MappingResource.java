package org.compliancesuite.catalog.control;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.compliancesuite.catalog.framework.Framework;
import org.compliancesuite.catalog.framework.Requirement;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Mappings seen from a framework: the controls covering a requirement, and coverage by another framework. */
@Path("/api/v1/frameworks/{frameworkId}")
@Produces(MediaType.APPLICATION_JSON)
public class MappingResource {

    @Inject
    Caller caller;

    @Inject
    MappingQuery mappings;

    @Inject
    MappingWriter writer;

    @GET
    @Path("/requirements/{code}/controls")
    @RolesAllowed({
        Roles.GRC_ADMIN,
        Roles.COMPLIANCE_MANAGER,
        Roles.AUDITOR,
        Roles.EVIDENCE_COLLECTOR,
        Roles.SECURITY_OFFICER
    })
    @Transactional
    @Operation(summary = "The common controls that cover a requirement", operationId = "requirementControls")
    @APIResponse(responseCode = "200", description = "The controls with relationship and rationale")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown framework or requirement")
    public List<RequirementControlView> controls(
            @PathParam("frameworkId") String frameworkId, @PathParam("code") String code) {
        Framework.require(frameworkId, caller.tenant());
        Requirement requirement = Requirement.require(frameworkId, code);
        return mappings.ofRequirement(requirement.id, caller.tenant());
    }

    @POST
    @Path("/requirements/{code}/mappings")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER})
    @Transactional
    @Operation(
            summary = "Map a common control to a requirement of one of the tenant's custom frameworks",
            operationId = "addMapping")
    @APIResponse(responseCode = "201", description = "The mapping was stored")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown framework or requirement")
    @APIResponse(responseCode = "409", description = "Built-in or retired framework, or the mapping already exists")
    @APIResponse(responseCode = "422", description = "Invalid body, unknown control or relationship")
    public Response addMapping(
            @PathParam("frameworkId") String frameworkId,
            @PathParam("code") String code,
            @Valid @NotNull MappingRequest request) {
        Framework.requireEditable(frameworkId, caller.tenant());
        Requirement requirement = Requirement.require(frameworkId, code);

        ControlMapping mapping = writer.add(
                requirement,
                request.controlId(),
                request.relationship(),
                request.rationale(),
                "controlId",
                Instant.now());
        writer.recordAdded(requirement, mapping);

        return Response.status(Response.Status.CREATED)
                .entity(new MappingView(frameworkId, code, mapping.relationship, mapping.rationale))
                .build();
    }

    @GET
    @Path("/coverage")
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.SECURITY_OFFICER})
    @Transactional
    @Operation(
            summary =
                    "Coverage of this framework's assessable requirements by the controls mapped to another framework",
            operationId = "frameworkCoverage")
    @APIResponse(responseCode = "200", description = "Coverage per requirement and in total")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown framework")
    @APIResponse(responseCode = "422", description = "Missing 'by' parameter")
    public CoverageView coverage(
            @PathParam("frameworkId") String frameworkId, @QueryParam("by") @NotBlank @Size(max = 200) String by) {
        Framework.require(frameworkId, caller.tenant());
        Framework.require(by, caller.tenant());
        return mappings.coverage(frameworkId, by, caller.tenant());
    }
}
