package org.compliancesuite.evidence.ledger;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.evidence.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/ledger")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {

    static final String HASH_RULE = "sha256hex(previousHash + \"\\n\" + sequence + \"\\n\" + canonical)";

    @Inject
    Caller caller;

    @Inject
    LedgerVerifier verifier;

    @Inject
    Checkpoints checkpoints;

    @Inject
    EntityManager em;

    @GET
    @Path("/verify")
    @RolesAllowed({Roles.AUDITOR, Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER})
    @Operation(
            summary = "Recompute the tenant's chain, evidence rows, stored content hashes and checkpoints",
            description = "Roles: auditor, grc-admin, compliance-manager. When checkpoints are signed by vault-service"
                    + " (CHECKPOINT_SIGNER=vault-service, or any stored checkpoint signed by it), the chain is also"
                    + " compared with every checkpoint vault-service witnessed signing for the tenant (read with the"
                    + " caller's token): a witnessed sequence beyond the chain's head (entries removed from the end), a"
                    + " different hash at a witnessed sequence, or a witnessed checkpoint without its checkpoint row is"
                    + " reported as the first broken entry. witnessedCheckpointsChecked is null when vault-service was"
                    + " not asked.",
            operationId = "verifyLedger")
    @APIResponse(responseCode = "200", description = "The verification; valid false names the first broken entry")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(
            responseCode = "503",
            description = "vault-service could not give the public key of a checkpoint it signed, or the checkpoints"
                    + " it witnessed")
    public LedgerVerification verify(@RestQuery Boolean contents) {
        String tenant = caller.tenant();
        return verifier.verify(tenant, contents == null || contents);
    }

    @POST
    @Path("/checkpoints")
    // the roles vault-service signs checkpoints for: its signing key answers only them
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER, Roles.EVIDENCE_COLLECTOR})
    @Operation(summary = "Sign the tenant's current chain head now", operationId = "createCheckpoint")
    @APIResponse(responseCode = "201", description = "The signed checkpoint")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(
            responseCode = "409",
            description = "The ledger is empty, or vault-service already signed the head's sequence with another head"
                    + " hash (the chain differs from what it witnessed)")
    @APIResponse(responseCode = "503", description = "vault-service could not sign")
    public Response checkpoint() {
        String tenant = caller.tenant();
        Checkpoint checkpoint = checkpoints.create(tenant, caller.subject());
        return Response.status(Response.Status.CREATED)
                .entity(CheckpointView.of(checkpoint))
                .build();
    }

    @GET
    @Path("/checkpoints")
    @RolesAllowed({Roles.AUDITOR, Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER})
    @Operation(summary = "List the tenant's signed checkpoints, newest first", operationId = "listCheckpoints")
    @APIResponse(responseCode = "200", description = "One page of checkpoints")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "422", description = "Invalid paging")
    public Page<CheckpointView> listCheckpoints(
            @RestQuery("page") @Min(0) Integer page, @RestQuery("size") @Min(1) @Max(500) Integer size) {
        String tenant = caller.tenant();
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        List<CheckpointView> items =
                checkpoints.list(tenant, p, s).stream().map(CheckpointView::of).toList();
        return new Page<>(items, p, s, checkpoints.count(tenant));
    }

    @GET
    @Path("/export")
    @RolesAllowed({Roles.AUDITOR, Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER})
    @Operation(
            summary = "Export a range of the chain with the checkpoints inside it, for offline verification",
            operationId = "exportLedger")
    @APIResponse(responseCode = "200", description = "Entries from fromSequence, at most limit of them")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "422", description = "Invalid range")
    public LedgerExport export(
            @RestQuery("fromSequence") @Min(1) Long fromSequence,
            @RestQuery("limit") @Min(1) @Max(10000) Integer limit) {
        String tenant = caller.tenant();
        long from = fromSequence == null ? 1 : fromSequence;
        int max = limit == null ? 1000 : limit;

        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT sequence, event, evidence_id, content_sha256, actor,"
                        + " occurred_at, details, previous_hash, hash FROM ledger_entry WHERE tenant = ?1"
                        + " AND sequence >= ?2 ORDER BY sequence LIMIT ?3")
                .setParameter(1, tenant)
                .setParameter(2, from)
                .setParameter(3, max)
                .getResultList();
        List<LedgerExport.Entry> entries =
                rows.stream().map(r -> toEntry(tenant, r)).toList();
        long to = entries.isEmpty() ? from - 1 : entries.getLast().sequence();
        List<CheckpointView> covering = Checkpoint.<Checkpoint>find(
                        "tenant = ?1 and sequence >= ?2 and sequence <= ?3 order by sequence", tenant, from, to)
                .stream()
                .map(CheckpointView::of)
                .toList();
        Number head =
                (Number) em.createNativeQuery("SELECT COALESCE(max(sequence), 0) FROM ledger_head WHERE tenant = ?1")
                        .setParameter(1, tenant)
                        .getSingleResult();
        return new LedgerExport(tenant, from, to, head.longValue(), HASH_RULE, entries, covering);
    }

    private static LedgerExport.Entry toEntry(String tenant, Object[] r) {
        UUID evidenceId = (UUID) r[2];
        LedgerEvent event = new LedgerEvent(
                tenant, (String) r[1], evidenceId, (String) r[3], (String) r[4], (String) r[5], (String) r[6]);
        return new LedgerExport.Entry(
                ((Number) r[0]).longValue(),
                event.event(),
                evidenceId == null ? null : evidenceId.toString(),
                event.contentSha256(),
                event.actor(),
                event.occurredAt(),
                event.details(),
                (String) r[7],
                (String) r[8],
                event.canonical());
    }
}
