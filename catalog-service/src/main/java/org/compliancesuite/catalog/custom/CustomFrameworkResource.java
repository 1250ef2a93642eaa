package org.compliancesuite.catalog.custom;

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
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.compliancesuite.catalog.framework.Framework;
import org.compliancesuite.catalog.framework.FrameworkView;
import org.compliancesuite.catalog.framework.Requirement;
import org.compliancesuite.catalog.framework.RequirementQuery;
import org.compliancesuite.catalog.framework.RequirementView;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** A tenant's own frameworks: create, add requirements, version, retire. */
@Path("/api/v1/frameworks")
@Produces(MediaType.APPLICATION_JSON)
public class CustomFrameworkResource {

    @Inject
    Caller caller;

    @Inject
    CustomFrameworkService frameworks;

    @Inject
    RequirementQuery requirements;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER})
    @Transactional
    @Operation(
            summary = "Create a custom framework of the tenant with its requirements and mappings",
            operationId = "createFramework")
    @APIResponse(responseCode = "201", description = "Created; the body is the framework, Location its URL")
    @APIResponse(responseCode = "400", description = "Malformed JSON or unknown field")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "409", description = "Same name and version exists, or a code is listed twice")
    @APIResponse(
            responseCode = "422",
            description = "Invalid fields or enum values, a code no URL reaches, required contradicting implementation,"
                    + " unknown parent, requirement or control in a mapping")
    public Response create(@Valid @NotNull CustomFrameworkRequest request) {
        Framework framework = frameworks.create(request);
        long count = request.requirements() == null ? 0 : request.requirements().size();
        return Response.created(URI.create("/api/v1/frameworks/" + framework.id))
                .entity(FrameworkView.of(framework, count))
                .build();
    }

    @POST
    @Path("/{id}/requirements")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER})
    @Transactional
    @Operation(summary = "Add a requirement to an active custom framework", operationId = "addRequirement")
    @APIResponse(responseCode = "201", description = "The requirement was added")
    @APIResponse(responseCode = "400", description = "Malformed JSON or unknown field")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown framework or another tenant's")
    @APIResponse(responseCode = "409", description = "The code exists, or the framework is built-in or retired")
    @APIResponse(
            responseCode = "422",
            description = "Invalid fields, a code no URL reaches, required contradicting implementation, or unknown"
                    + " parent")
    public Response addRequirement(@PathParam("id") String id, @Valid @NotNull RequirementRequest request) {
        Requirement requirement = frameworks.addRequirement(id, request);
        return Response.created(URI.create("/api/v1/frameworks/" + id + "/requirements/" + requirement.code))
                .entity(RequirementView.of(requirement))
                .build();
    }

    @POST
    @Path("/{id}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER})
    @Transactional
    @Operation(
            summary = "Create a new version of a custom framework, copying its requirements and mappings",
            operationId = "versionFramework")
    @APIResponse(responseCode = "201", description = "The new version")
    @APIResponse(responseCode = "400", description = "Malformed JSON or unknown field")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown framework or another tenant's")
    @APIResponse(responseCode = "409", description = "Built-in framework, or that version exists")
    @APIResponse(responseCode = "422", description = "Missing version")
    public Response newVersion(@PathParam("id") String id, @Valid @NotNull NewVersionRequest request) {
        Framework framework = frameworks.newVersion(id, request);
        return Response.created(URI.create("/api/v1/frameworks/" + framework.id))
                .entity(view(framework))
                .build();
    }

    @GET
    @Path("/{id}/versions")
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.SECURITY_OFFICER})
    @Transactional
    @Operation(
            summary = "The versions of a framework, oldest first, with their status",
            operationId = "frameworkVersions")
    @APIResponse(responseCode = "200", description = "The versions")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown framework or another tenant's")
    public List<CustomFrameworkView> versions(@PathParam("id") String id) {
        List<Framework> lineage = frameworks.lineage(id);
        Map<String, Long> counts =
                requirements.counts(lineage.stream().map(f -> f.id).toList());
        return lineage.stream()
                .map(f -> CustomFrameworkView.of(f, counts.getOrDefault(f.id, 0L)))
                .toList();
    }

    @POST
    @Path("/{id}/retire")
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER})
    @Transactional
    @Operation(summary = "Retire a custom framework; it stays readable", operationId = "retireFramework")
    @APIResponse(responseCode = "200", description = "The retired framework")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown framework or another tenant's")
    @APIResponse(responseCode = "409", description = "Built-in or already retired")
    public CustomFrameworkView retire(@PathParam("id") String id) {
        return view(frameworks.retire(id));
    }

    private CustomFrameworkView view(Framework framework) {
        return CustomFrameworkView.of(
                framework, requirements.counts(List.of(framework.id)).getOrDefault(framework.id, 0L));
    }
}
