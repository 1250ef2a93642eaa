package org.compliancesuite.vault.keys;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.vault.keys.KeyApi.KeyView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
public class KeyResource {

    @Inject
    KeyService keys;

    @GET
    @RolesAllowed({Roles.SECURITY_OFFICER, Roles.AUDITOR, Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER})
    @Operation(
            summary = "List the tenant's keys with versions and rotation settings (metadata only)",
            description = "Only keys that exist are listed; listing creates none. A key is created on first use, or"
                    + " when a security officer rotates or configures it.",
            operationId = "listKeys")
    @APIResponse(responseCode = "200", description = "The keys")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "429", description = "Client rate limit exceeded (Retry-After)")
    @APIResponse(responseCode = "503", description = "Key service unreachable or sealed (Retry-After)")
    public List<KeyView> list() {
        return keys.list();
    }

    @GET
    @Path("/{name}")
    @RolesAllowed({Roles.SECURITY_OFFICER, Roles.AUDITOR, Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER})
    @Operation(summary = "Read one key's metadata", operationId = "readKey")
    @APIResponse(responseCode = "200", description = "The key")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such key, or the tenant's key was not created yet")
    @APIResponse(responseCode = "429", description = "Client rate limit exceeded (Retry-After)")
    @APIResponse(responseCode = "503", description = "Key service unreachable or sealed (Retry-After)")
    public KeyView read(@PathParam("name") String name) {
        return keys.read(name);
    }

    @POST
    @Path("/{name}/rotate")
    @RolesAllowed(Roles.SECURITY_OFFICER)
    @Operation(
            summary = "Rotate a key: new encryptions use a new version, old versions still decrypt",
            operationId = "rotateKey")
    @APIResponse(responseCode = "200", description = "The rotated key")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such key")
    @APIResponse(responseCode = "409", description = "The blind index key is never rotated")
    @APIResponse(responseCode = "429", description = "Client rate limit exceeded (Retry-After)")
    @APIResponse(responseCode = "503", description = "Key service unreachable or sealed (Retry-After)")
    public KeyView rotate(@PathParam("name") String name) {
        return keys.rotate(name);
    }

    @PUT
    @Path("/{name}/config")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SECURITY_OFFICER)
    @Operation(
            summary = "Set the minimum decryption version and/or the auto-rotation period",
            operationId = "configureKey")
    @APIResponse(responseCode = "200", description = "The configured key")
    @APIResponse(responseCode = "400", description = "Unknown field or malformed JSON")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such key")
    @APIResponse(responseCode = "409", description = "Auto-rotation of the blind index key")
    @APIResponse(responseCode = "422", description = "Minimum above the latest version, or nothing to change")
    @APIResponse(responseCode = "429", description = "Client rate limit exceeded (Retry-After)")
    @APIResponse(responseCode = "503", description = "Key service unreachable or sealed (Retry-After)")
    public KeyView configure(@PathParam("name") String name, @Valid @NotNull KeyApi.KeyConfigRequest request) {
        return keys.configure(name, request);
    }
}
