package org.compliancesuite.vault.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.vault.audit.AuditApi.AccessRecordView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditService audit;

    @GET
    @RolesAllowed({Roles.SECURITY_OFFICER, Roles.AUDITOR})
    @Operation(
            summary =
                    "Page through the tenant's PHI access records by data subject reference, user, action, review flag"
                            + " and time",
            operationId = "listAccessRecords")
    @APIResponse(responseCode = "200", description = "A page of records, oldest first")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "429", description = "Client rate limit exceeded (Retry-After)")
    @APIResponse(responseCode = "422", description = "Invalid time or paging")
    public AuditApi.Page<AccessRecordView> list(
            @QueryParam("dataSubjectRef") String dataSubjectRef,
            @QueryParam("user") String user,
            @QueryParam("action") String action,
            @QueryParam("reviewRequired") Boolean reviewRequired,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return audit.search(dataSubjectRef, user, action, reviewRequired, from, to, page, size);
    }

    @POST
    @Path("/search")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SECURITY_OFFICER, Roles.AUDITOR})
    @Operation(
            summary = "Search the tenant's PHI access records by data subject identifier (sent in the body), user,"
                    + " action and time",
            operationId = "searchAccessRecords")
    @APIResponse(responseCode = "200", description = "A page of records, oldest first")
    @APIResponse(responseCode = "400", description = "Unknown field or malformed JSON")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "429", description = "Client rate limit exceeded (Retry-After)")
    @APIResponse(responseCode = "422", description = "Invalid time or paging")
    public AuditApi.Page<AccessRecordView> search(@Valid @NotNull AuditApi.SearchRequest request) {
        return audit.search(request);
    }

    @GET
    @Path("/verify")
    @RolesAllowed({Roles.SECURITY_OFFICER, Roles.AUDITOR})
    @Operation(
            summary = "Recompute the tenant's audit hash chain and report the first break",
            operationId = "verifyAudit")
    @APIResponse(responseCode = "200", description = "The verification result")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "429", description = "Client rate limit exceeded (Retry-After)")
    public AuditApi.Verification verify() {
        return audit.verify();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SECURITY_OFFICER, Roles.AUDITOR})
    @Operation(summary = "One PHI access record", operationId = "getAccessRecord")
    @APIResponse(responseCode = "200", description = "The record")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "429", description = "Client rate limit exceeded (Retry-After)")
    @APIResponse(responseCode = "404", description = "No such record in the tenant")
    public AccessRecordView one(@PathParam("id") UUID id) {
        return audit.one(id);
    }

    @DELETE
    @Path("/records")
    @RolesAllowed(Roles.SECURITY_OFFICER)
    @Operation(
            summary = "Delete records created before an instant that lies beyond the retention period",
            operationId = "purgeAccessRecords")
    @APIResponse(responseCode = "200", description = "How many records were deleted")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "429", description = "Client rate limit exceeded (Retry-After)")
    @APIResponse(responseCode = "409", description = "The instant lies within the retention period")
    @APIResponse(responseCode = "422", description = "Invalid instant")
    public AuditApi.PurgeResult purge(@QueryParam("before") @NotBlank String before) {
        return audit.purge(before);
    }
}
