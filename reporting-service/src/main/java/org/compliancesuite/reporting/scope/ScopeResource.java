package org.compliancesuite.reporting.scope;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.compliancesuite.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/v1/dashboard/scope")
@Produces(MediaType.APPLICATION_JSON)
public class ScopeResource {

    @Inject
    FrameworkScopeService scopes;

    @GET
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.SECURITY_OFFICER})
    @Operation(
            summary = "The frameworks that count toward the tenant's overall score (all when none were chosen)",
            operationId = "getFrameworkScope")
    @APIResponse(responseCode = "200", description = "The scope; explicit=false when none was chosen")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "502", description = "catalog-service failed")
    @APIResponse(responseCode = "503", description = "catalog-service is unreachable or too slow")
    public FrameworkScopeView get() {
        return scopes.current();
    }

    @PUT
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Choose the frameworks the tenant pursues; the change is recorded with who and when",
            operationId = "setFrameworkScope")
    @APIResponse(responseCode = "200", description = "The scope now in force")
    @APIResponse(responseCode = "400", description = "Malformed body")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(
            responseCode = "422",
            description = "No framework, too many, or a framework the catalog does not list for the tenant")
    @APIResponse(responseCode = "502", description = "catalog-service failed")
    @APIResponse(responseCode = "503", description = "catalog-service is unreachable or too slow")
    public FrameworkScopeView put(@Valid @NotNull ScopeRequest request) {
        return scopes.replace(request);
    }

    @DELETE
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER})
    @Operation(
            summary = "Clear the scope so that every framework counts again; the change is recorded",
            operationId = "clearFrameworkScope")
    @APIResponse(responseCode = "200", description = "The scope now in force (explicit=false)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "502", description = "catalog-service failed")
    @APIResponse(responseCode = "503", description = "catalog-service is unreachable or too slow")
    public FrameworkScopeView clear() {
        return scopes.clear();
    }

    @GET
    @Path("/changes")
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.SECURITY_OFFICER})
    @Operation(summary = "Who changed the framework scope, when, from what", operationId = "listFrameworkScopeChanges")
    @APIResponse(responseCode = "200", description = "A page of changes, newest first")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "422", description = "Bad paging")
    public ScopeChangePage changes(
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return scopes.changes(page, size);
    }
}
