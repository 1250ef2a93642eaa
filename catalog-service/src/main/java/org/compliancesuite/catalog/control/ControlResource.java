package org.compliancesuite.catalog.control;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.compliancesuite.catalog.Page;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The common controls and the requirements each satisfies. */
@Path("/api/v1/controls")
@Produces(MediaType.APPLICATION_JSON)
public class ControlResource {

    @Inject
    Caller caller;

    @Inject
    MappingQuery mappings;

    @GET
    @RolesAllowed({
        Roles.GRC_ADMIN,
        Roles.COMPLIANCE_MANAGER,
        Roles.AUDITOR,
        Roles.EVIDENCE_COLLECTOR,
        Roles.SECURITY_OFFICER
    })
    @Transactional
    @Operation(summary = "List the common controls, paged", operationId = "listControls")
    @APIResponse(responseCode = "200", description = "A page of controls")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "422", description = "Invalid paging")
    public Page<ControlSummary> list(
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        Map<String, Long> counts = mappings.countsPerControl(caller.tenant());
        PanacheQuery<CommonControl> query = CommonControl.findAll(Sort.by("position"));
        return new Page<>(query.page(page, size).list(), page, size, query.count())
                .map(c -> new ControlSummary(
                        c.id, c.title, c.description, c.evidenceFrequency, counts.getOrDefault(c.id, 0L)));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({
        Roles.GRC_ADMIN,
        Roles.COMPLIANCE_MANAGER,
        Roles.AUDITOR,
        Roles.EVIDENCE_COLLECTOR,
        Roles.SECURITY_OFFICER
    })
    @Transactional
    @Operation(summary = "Read a common control and the requirements it satisfies", operationId = "getControl")
    @APIResponse(responseCode = "200", description = "The control with its mappings")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown control")
    public ControlView get(@PathParam("id") String id) {
        CommonControl control = CommonControl.require(id);
        return new ControlView(
                control.id,
                control.title,
                control.description,
                control.evidenceFrequency,
                mappings.ofControl(id, caller.tenant()));
    }
}
