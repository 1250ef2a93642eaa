package org.compliancesuite.catalog.maturity;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The tenant's maturity across controls and the remediation items that raise it. */
@Path("/api/v1/maturity")
@Produces(MediaType.APPLICATION_JSON)
public class MaturityResource {

    @Inject
    MaturityService maturity;

    @GET
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.SECURITY_OFFICER})
    @Transactional
    @Operation(
            summary = "The latest assessment of every control the tenant has assessed",
            operationId = "latestMaturity")
    @APIResponse(responseCode = "200", description = "One entry per assessed control")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public List<MaturityView> latest() {
        return maturity.latest();
    }

    @PATCH
    @Path("/remediation/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER})
    @Transactional
    @Operation(summary = "Move a remediation item (status, owner, due date)", operationId = "updateRemediation")
    @APIResponse(responseCode = "200", description = "The updated item")
    @APIResponse(responseCode = "400", description = "Malformed JSON or unknown field")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown item or another tenant's")
    @APIResponse(responseCode = "422", description = "Missing or invalid status")
    public RemediationView updateRemediation(@PathParam("id") String id, @Valid @NotNull RemediationUpdate update) {
        return maturity.updateRemediation(parse(id), update);
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no remediation item " + id);
        }
    }
}
