package org.compliancesuite.evidence.sampling;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.evidence.Actor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/samples")
@Produces(MediaType.APPLICATION_JSON)
public class SampleResource {

    @Inject
    Caller caller;

    @Inject
    Sampling sampling;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AUDITOR, Roles.COMPLIANCE_MANAGER})
    @Operation(
            summary = "Draw a reproducible SOC 2 sample of a control's occurrences in a period",
            operationId = "drawSample")
    @APIResponse(responseCode = "201", description = "The sample, the sizes in force and the selection method")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "422", description = "Invalid period, seed or unknown control")
    @APIResponse(responseCode = "503", description = "catalog-service unavailable")
    @APIResponse(responseCode = "413", description = "Body larger than EVIDENCE_MAX_JSON_SIZE")
    public Response draw(@Valid @NotNull SampleRequest request) {
        Actor actor = Actor.of(caller);
        Sample sample = sampling.draw(actor, request);
        return Response.status(Response.Status.CREATED)
                .entity(new SampleDrawn(SampleView.withPopulation(sample), sampling.sampleSizes(), Sampling.SELECTION))
                .build();
    }

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.COMPLIANCE_MANAGER, Roles.GRC_ADMIN, Roles.SECURITY_OFFICER})
    @Operation(
            summary = "Samples of the tenant, filtered by control and by periods overlapping from..to",
            operationId = "listSamples")
    @APIResponse(responseCode = "200", description = "The samples, newest first")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public List<SampleView> list(@RestQuery String controlId, @RestQuery LocalDate from, @RestQuery LocalDate to) {
        String tenant = caller.tenant();
        List<String> where = new ArrayList<>(List.of("tenant = ?1"));
        List<Object> params = new ArrayList<>(List.of(tenant));
        if (controlId != null) {
            params.add(controlId);
            where.add("controlId = ?" + params.size());
        }
        if (from != null) {
            params.add(from);
            where.add("periodEnd >= ?" + params.size());
        }
        if (to != null) {
            params.add(to);
            where.add("periodStart <= ?" + params.size());
        }
        return Sample.<Sample>find(String.join(" and ", where) + " order by drawnAt desc, id", params.toArray())
                .stream()
                .map(SampleView::of)
                .toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AUDITOR, Roles.COMPLIANCE_MANAGER, Roles.GRC_ADMIN, Roles.SECURITY_OFFICER})
    @Operation(
            summary = "One sample with its items, results and the population it was drawn from",
            operationId = "getSample")
    @APIResponse(responseCode = "200", description = "The sample, with populationIds in the draw's order")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such sample for this tenant")
    public SampleView get(@RestPath UUID id) {
        String tenant = caller.tenant();
        return sampling.view(tenant, id);
    }

    @PUT
    @Path("/{id}/items/{itemId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Record the test result of one sampled item", operationId = "recordSampleResult")
    @APIResponse(responseCode = "200", description = "The sample with the result")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such sample or item for this tenant")
    @APIResponse(responseCode = "409", description = "The item already has a result")
    @APIResponse(responseCode = "422", description = "Exception without note")
    @APIResponse(responseCode = "413", description = "Body larger than EVIDENCE_MAX_JSON_SIZE")
    public SampleView record(@RestPath UUID id, @RestPath UUID itemId, @Valid @NotNull TestResult result) {
        Actor actor = Actor.of(caller);
        return SampleView.of(sampling.record(actor, id, itemId, result));
    }
}
