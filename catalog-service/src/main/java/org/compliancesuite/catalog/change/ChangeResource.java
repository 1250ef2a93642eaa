package org.compliancesuite.catalog.change;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

/** The tenant's change history, newest first, for auditors. */
@Path("/api/v1/changes")
@Produces(MediaType.APPLICATION_JSON)
public class ChangeResource {

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.SECURITY_OFFICER})
    @Transactional
    @Operation(
            summary = "Who changed what and when (applicability, maturity, audits, custom frameworks), newest first",
            operationId = "listChanges")
    @APIResponse(responseCode = "200", description = "A page of change records")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "422", description = "Invalid paging or filter")
    public Page<ChangeView> list(
            @QueryParam("entityType") @Size(max = 100) String entityType,
            @QueryParam("entityId") @Size(max = 300) String entityId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        StringBuilder where = new StringBuilder("tenant = :tenant");
        Parameters params = Parameters.with("tenant", caller.tenant());
        if (entityType != null) {
            where.append(" and entityType = :type");
            params.and("type", entityType);
        }
        if (entityId != null) {
            where.append(" and entityId = :entity");
            params.and("entity", entityId);
        }
        PanacheQuery<ChangeRecord> query = ChangeRecord.find(where + " order by changedAt desc, id desc", params);
        return new Page<>(query.page(page, size).list(), page, size, query.count()).map(ChangeView::of);
    }
}
