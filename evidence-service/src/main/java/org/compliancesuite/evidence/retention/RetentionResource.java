package org.compliancesuite.evidence.retention;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.evidence.Actor;
import org.compliancesuite.evidence.item.EvidenceView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;

@Path("/api/v1/evidence/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class RetentionResource {

    @Inject
    Caller caller;

    @Inject
    RetentionService retention;

    @DELETE
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER})
    @Operation(
            summary = "Delete the content after its retention period, leaving a tombstone",
            operationId = "deleteEvidence")
    @APIResponse(responseCode = "200", description = "The tombstone")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such evidence for this tenant")
    @APIResponse(responseCode = "409", description = "Retention not over, legal hold set, or already deleted")
    public EvidenceView delete(@RestPath UUID id) {
        Actor actor = Actor.of(caller);
        return EvidenceView.of(retention.delete(actor, id));
    }

    @PUT
    @Path("/legal-hold")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER})
    @Operation(summary = "Set a legal hold that blocks deletion", operationId = "setLegalHold")
    @APIResponse(responseCode = "200", description = "The held evidence")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such evidence for this tenant")
    @APIResponse(responseCode = "409", description = "Evidence deleted")
    @APIResponse(responseCode = "422", description = "Reason missing")
    @APIResponse(responseCode = "413", description = "Body larger than EVIDENCE_MAX_JSON_SIZE")
    public EvidenceView hold(@RestPath UUID id, @Valid @NotNull LegalHoldRequest request) {
        Actor actor = Actor.of(caller);
        return EvidenceView.of(retention.hold(actor, id, request.reason()));
    }

    @DELETE
    @Path("/legal-hold")
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER})
    @Operation(summary = "Release a legal hold", operationId = "releaseLegalHold")
    @APIResponse(responseCode = "200", description = "The released evidence")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such evidence for this tenant")
    @APIResponse(responseCode = "409", description = "No hold set, or evidence deleted")
    public EvidenceView release(@RestPath UUID id) {
        Actor actor = Actor.of(caller);
        return EvidenceView.of(retention.release(actor, id));
    }
}
