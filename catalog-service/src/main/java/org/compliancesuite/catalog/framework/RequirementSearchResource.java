package org.compliancesuite.catalog.framework;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.compliancesuite.catalog.Page;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Text search over the requirements of every framework the tenant can see. */
@Path("/api/v1/requirements")
@Produces(MediaType.APPLICATION_JSON)
public class RequirementSearchResource {

    @Inject
    Caller caller;

    @Inject
    RequirementQuery requirements;

    @GET
    @RolesAllowed({
        Roles.GRC_ADMIN,
        Roles.COMPLIANCE_MANAGER,
        Roles.AUDITOR,
        Roles.EVIDENCE_COLLECTOR,
        Roles.SECURITY_OFFICER
    })
    @Transactional
    @Operation(
            summary = "Search requirements by text contained in code or title, across the tenant's active frameworks",
            operationId = "searchRequirements")
    @APIResponse(responseCode = "200", description = "A page of matching requirements")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "422", description = "Missing search text or invalid paging")
    public Page<RequirementListItem> search(
            @QueryParam("q") @NotBlank @Size(max = 200) String text,
            @QueryParam("frameworkId") @Size(max = 200) String frameworkId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return requirements
                .search(caller.tenant(), frameworkId, text, page, size)
                .map(RequirementListItem::of);
    }
}
