package org.compliancesuite.evidence.monitor;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.evidence.Actor;
import org.compliancesuite.evidence.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/monitors")
@Produces(MediaType.APPLICATION_JSON)
public class MonitorResource {

    static final String CSV = "text/csv";

    @Inject
    Caller caller;

    @Inject
    Monitors monitors;

    @Inject
    MonitorRuns runs;

    @Inject
    IdentityMonitor identity;

    @Inject
    TrainingMonitor training;

    @GET
    @Path("/latest")
    @RolesAllowed({Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.GRC_ADMIN, Roles.SECURITY_OFFICER})
    @Operation(summary = "The latest run of each monitor", operationId = "latestMonitorRuns")
    @APIResponse(responseCode = "200", description = "One run per monitor that has run")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public List<MonitorRunView> latest() {
        String tenant = caller.tenant();
        return monitors.latest(tenant);
    }

    @GET
    @Path("/runs")
    @RolesAllowed({Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.GRC_ADMIN, Roles.SECURITY_OFFICER})
    @Operation(summary = "Monitor runs, newest first", operationId = "listMonitorRuns")
    @APIResponse(responseCode = "200", description = "One page of runs")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "422", description = "Unknown monitor or invalid paging")
    public Page<MonitorRunView> list(
            @RestQuery String monitor,
            @RestQuery("page") @Min(0) Integer page,
            @RestQuery("size") @Min(1) @Max(500) Integer size) {
        String tenant = caller.tenant();
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        var query = monitor == null
                ? MonitorRun.<MonitorRun>find("tenant = ?1 order by ranAt desc, id", tenant)
                : MonitorRun.<MonitorRun>find(
                        "tenant = ?1 and monitor = ?2 order by ranAt desc, id",
                        tenant,
                        Monitor.parse(monitor)
                                .orElseThrow(() -> ProblemException.unprocessable(
                                        "monitor", "must be one of identity, tls, key-rotation, training"))
                                .value());
        query.page(p, s);
        return new Page<>(query.list().stream().map(monitors::view).toList(), p, s, query.count());
    }

    @POST
    @Path("/identity/snapshots")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.EVIDENCE_COLLECTOR, Roles.SECURITY_OFFICER, Roles.COMPLIANCE_MANAGER, Roles.GRC_ADMIN})
    @Operation(
            summary = "Evaluate an identity snapshot (JSON) and store the run as evidence",
            operationId = "identitySnapshotJson")
    @APIResponse(responseCode = "201", description = "The run with its figures and findings")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "422", description = "Invalid account rows, or a mapped control unknown to the catalog")
    @APIResponse(responseCode = "503", description = "catalog-service unavailable")
    @APIResponse(responseCode = "413", description = "Body larger than EVIDENCE_MAX_JSON_SIZE")
    public Response identityJson(@Valid @NotNull IdentitySnapshot snapshot) {
        Actor actor = Actor.of(caller);
        return created(monitors.record(actor, identity.evaluate(snapshot.accounts(), Instant.now()), actor.subject()));
    }

    @POST
    @Path("/identity/snapshots")
    @Consumes(CSV)
    @RolesAllowed({Roles.EVIDENCE_COLLECTOR, Roles.SECURITY_OFFICER, Roles.COMPLIANCE_MANAGER, Roles.GRC_ADMIN})
    @Operation(
            summary = "Evaluate an identity snapshot (CSV: id,mfaEnabled,lastLogin,privileged,passwordMinLength)",
            operationId = "identitySnapshotCsv")
    @APIResponse(responseCode = "201", description = "The run with its figures and findings")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "422", description = "Invalid rows, with the line number")
    @APIResponse(responseCode = "503", description = "catalog-service unavailable")
    @APIResponse(responseCode = "413", description = "Body larger than EVIDENCE_MAX_JSON_SIZE")
    public Response identityCsv(InputStream csv) {
        Actor actor = Actor.of(caller);
        var accounts = IdentityMonitor.fromCsv(csv);
        return created(monitors.record(actor, identity.evaluate(accounts, Instant.now()), actor.subject()));
    }

    @POST
    @Path("/training/rosters")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.EVIDENCE_COLLECTOR, Roles.COMPLIANCE_MANAGER, Roles.GRC_ADMIN})
    @Operation(
            summary = "Evaluate a training roster (JSON) and store the run as evidence",
            operationId = "trainingRosterJson")
    @APIResponse(responseCode = "201", description = "The run with assigned, completed and completionPercent")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "422", description = "Invalid roster rows")
    @APIResponse(responseCode = "503", description = "catalog-service unavailable")
    @APIResponse(responseCode = "413", description = "Body larger than EVIDENCE_MAX_JSON_SIZE")
    public Response trainingJson(@Valid @NotNull TrainingRoster roster) {
        Actor actor = Actor.of(caller);
        return created(monitors.record(actor, training.evaluate(roster.assignments()), actor.subject()));
    }

    @POST
    @Path("/training/rosters")
    @Consumes(CSV)
    @RolesAllowed({Roles.EVIDENCE_COLLECTOR, Roles.COMPLIANCE_MANAGER, Roles.GRC_ADMIN})
    @Operation(
            summary = "Evaluate a training roster (CSV: person,course,assignedAt,completedAt)",
            operationId = "trainingRosterCsv")
    @APIResponse(responseCode = "201", description = "The run with assigned, completed and completionPercent")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "422", description = "Invalid rows, with the line number")
    @APIResponse(responseCode = "503", description = "catalog-service unavailable")
    @APIResponse(responseCode = "413", description = "Body larger than EVIDENCE_MAX_JSON_SIZE")
    public Response trainingCsv(InputStream csv) {
        Actor actor = Actor.of(caller);
        var assignments = TrainingMonitor.fromCsv(csv);
        return created(monitors.record(actor, training.evaluate(assignments), actor.subject()));
    }

    @POST
    @Path("/tls/runs")
    @RolesAllowed({Roles.SECURITY_OFFICER, Roles.COMPLIANCE_MANAGER, Roles.GRC_ADMIN})
    @Operation(summary = "Handshake with every configured TLS endpoint now", operationId = "runTlsMonitor")
    @APIResponse(responseCode = "201", description = "The run with per-endpoint protocol, cipher, chain and expiry")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "409", description = "No endpoints configured")
    @APIResponse(responseCode = "503", description = "catalog-service unavailable")
    public Response runTls() {
        Actor actor = Actor.of(caller);
        return created(runs.runTls(actor, actor.subject()));
    }

    @POST
    @Path("/key-rotation/runs")
    @RolesAllowed({Roles.SECURITY_OFFICER, Roles.COMPLIANCE_MANAGER, Roles.GRC_ADMIN})
    @Operation(
            summary = "Check key versions in vault-service against their rotation periods now",
            operationId = "runKeyRotationMonitor")
    @APIResponse(responseCode = "201", description = "The run with keysChecked and keysOverdue")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "503", description = "vault-service or catalog-service unavailable")
    public Response runKeyRotation() {
        Actor actor = Actor.of(caller);
        return created(runs.runKeyRotation(actor, actor.subject()));
    }

    private Response created(MonitorRun run) {
        return Response.status(Response.Status.CREATED)
                .entity(monitors.view(run))
                .build();
    }
}
