package org.compliancesuite.catalog.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.compliancesuite.catalog.change.ChangeLog;
import org.compliancesuite.catalog.framework.Framework;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The tenant's recorded external audits per framework. */
@Path("/api/v1/frameworks/{frameworkId}/audits")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    Caller caller;

    @Inject
    ChangeLog changes;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER})
    @Transactional
    @Operation(summary = "Record an audit of a framework that took place", operationId = "recordAudit")
    @APIResponse(responseCode = "201", description = "The audit was recorded")
    @APIResponse(responseCode = "400", description = "Malformed JSON or unknown field")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown framework or another tenant's")
    @APIResponse(responseCode = "422", description = "Missing fields or an audit date in the future")
    public Response record(@PathParam("frameworkId") String frameworkId, @Valid @NotNull AuditRequest request) {
        Framework.require(frameworkId, caller.tenant());

        FrameworkAudit audit = new FrameworkAudit();
        audit.id = UUID.randomUUID();
        audit.tenant = caller.tenant();
        audit.frameworkId = frameworkId;
        audit.auditDate = request.auditDate();
        audit.auditType = request.auditType().strip();
        audit.auditor = request.auditor().strip();
        audit.recordedAt = Instant.now();
        audit.recordedBy = caller.subject();
        audit.persist();

        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("frameworkId", frameworkId);
        detail.put("auditDate", audit.auditDate.toString());
        detail.put("auditType", audit.auditType);
        detail.put("auditor", audit.auditor);
        changes.record("framework-audit", audit.id.toString(), "created", audit.recordedAt, detail);

        return Response.status(Response.Status.CREATED)
                .entity(AuditView.of(audit))
                .build();
    }

    @GET
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.SECURITY_OFFICER})
    @Transactional
    @Operation(summary = "The tenant's recorded audits of a framework, newest first", operationId = "listAudits")
    @APIResponse(responseCode = "200", description = "The audits")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown framework or another tenant's")
    public List<AuditView> list(@PathParam("frameworkId") String frameworkId) {
        Framework.require(frameworkId, caller.tenant());
        return FrameworkAudit.<FrameworkAudit>list(
                        "tenant = ?1 and frameworkId = ?2 order by auditDate desc, recordedAt desc",
                        caller.tenant(),
                        frameworkId)
                .stream()
                .map(AuditView::of)
                .toList();
    }
}
