package org.compliancesuite.catalog.framework;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.compliancesuite.catalog.Page;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Frameworks and their requirements, read-only. Changes to custom frameworks live in the custom package. */
@Path("/api/v1/frameworks")
@Produces(MediaType.APPLICATION_JSON)
public class FrameworkResource {

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
            summary = "List the frameworks the tenant can see (built-in and its own)",
            operationId = "listFrameworks")
    @APIResponse(responseCode = "200", description = "The frameworks, built-in first")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public List<FrameworkView> list(@QueryParam("includeRetired") @DefaultValue("false") boolean includeRetired) {
        List<Framework> frameworks = Framework.visibleTo(caller.tenant(), includeRetired);
        Map<String, Long> counts =
                requirements.counts(frameworks.stream().map(f -> f.id).toList());
        return frameworks.stream()
                .map(f -> FrameworkView.of(f, counts.getOrDefault(f.id, 0L)))
                .toList();
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
    @Operation(summary = "Read one framework", operationId = "getFramework")
    @APIResponse(responseCode = "200", description = "The framework")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown framework or another tenant's")
    public FrameworkView get(@PathParam("id") String id) {
        Framework framework = Framework.require(id, caller.tenant());
        return FrameworkView.of(framework, requirements.counts(List.of(id)).getOrDefault(id, 0L));
    }

    @GET
    @Path("/{id}/requirements")
    @RolesAllowed({
        Roles.GRC_ADMIN,
        Roles.COMPLIANCE_MANAGER,
        Roles.AUDITOR,
        Roles.EVIDENCE_COLLECTOR,
        Roles.SECURITY_OFFICER
    })
    @Transactional
    @Operation(
            summary = "List a framework's requirements in catalog order, paged; filter by parent code and by text"
                    + " contained in code or title",
            operationId = "listRequirements")
    @APIResponse(responseCode = "200", description = "A page of requirements")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown framework, or unknown parent code")
    @APIResponse(responseCode = "422", description = "Invalid paging or search parameters")
    public Page<RequirementListItem> listRequirements(
            @PathParam("id") String id,
            @QueryParam("parent") @Size(max = 200) String parent,
            @QueryParam("q") @Size(max = 200) String text,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        Framework.require(id, caller.tenant());
        if (parent != null) {
            Requirement.require(id, parent);
        }
        return requirements.list(id, parent, text, page, size).map(RequirementListItem::of);
    }

    @GET
    @Path("/{id}/requirements/tree")
    @RolesAllowed({
        Roles.GRC_ADMIN,
        Roles.COMPLIANCE_MANAGER,
        Roles.AUDITOR,
        Roles.EVIDENCE_COLLECTOR,
        Roles.SECURITY_OFFICER
    })
    @Transactional
    @Operation(
            summary = "A framework's requirements as a tree, or the subtree under one parent code",
            operationId = "requirementTree")
    @APIResponse(responseCode = "200", description = "The tree")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown framework, or unknown parent code")
    @APIResponse(responseCode = "422", description = "Parent code longer than allowed")
    public List<RequirementNode> tree(
            @PathParam("id") String id, @QueryParam("parent") @Size(max = 200) String parent) {
        Framework.require(id, caller.tenant());
        if (parent != null) {
            Requirement.require(id, parent);
        }
        return requirements.tree(id, parent);
    }

    @GET
    @Path("/{id}/requirements/{code}")
    @RolesAllowed({
        Roles.GRC_ADMIN,
        Roles.COMPLIANCE_MANAGER,
        Roles.AUDITOR,
        Roles.EVIDENCE_COLLECTOR,
        Roles.SECURITY_OFFICER
    })
    @Transactional
    @Operation(summary = "Read one requirement by its exact code", operationId = "getRequirement")
    @APIResponse(responseCode = "200", description = "The requirement")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown framework or requirement")
    public RequirementView getRequirement(@PathParam("id") String id, @PathParam("code") String code) {
        Framework.require(id, caller.tenant());
        return RequirementView.of(Requirement.require(id, code));
    }
}
