package org.compliancesuite.catalog.oscal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.compliancesuite.catalog.framework.Framework;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.common.security.Roles;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** OSCAL 1.1.2 catalogs in and out. */
@Path("/api/v1/frameworks")
public class OscalResource {

    @Inject
    Caller caller;

    @Inject
    OscalExporter exporter;

    @Inject
    OscalImporter importer;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "catalog.oscal.max-import-bytes")
    int maxImportBytes;

    @GET
    @Path("/{id}/oscal")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.SECURITY_OFFICER})
    @Transactional
    @Operation(summary = "Export a framework as an OSCAL 1.1.2 catalog", operationId = "exportOscal")
    @APIResponse(responseCode = "200", description = "The OSCAL catalog document")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown framework or another tenant's")
    public ObjectNode export(@PathParam("id") String id) {
        return exporter.export(Framework.require(id, caller.tenant()));
    }

    @POST
    @Path("/oscal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER})
    @Transactional
    @Operation(
            summary = "Import an OSCAL 1.1.2 catalog as a custom framework of the tenant",
            operationId = "importOscal")
    @APIResponse(responseCode = "201", description = "Imported; Location is the new framework")
    @APIResponse(responseCode = "400", description = "The body is not JSON")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "409", description = "Duplicate ids or codes, or the name and version exist")
    @APIResponse(responseCode = "413", description = "The document is larger than the import limit")
    @APIResponse(
            responseCode = "422",
            description = "The document fails the OSCAL schema, has an id that cannot serve as a requirement code, or a"
                    + " suite prop with an unknown value: the first errors and their JSON paths")
    public Response importCatalog(InputStream body) {
        ImportResult result = importer.importCatalog(read(body));
        return Response.created(URI.create("/api/v1/frameworks/" + result.id()))
                .entity(result)
                .build();
    }

    private JsonNode read(InputStream body) {
        byte[] bytes;
        try {
            // One byte more than allowed tells an oversized document apart without reading all of it.
            bytes = body.readNBytes(maxImportBytes + 1);
        } catch (IOException e) {
            throw ProblemException.badRequest("the body could not be read");
        }
        if (bytes.length > maxImportBytes) {
            throw new ProblemException(
                    413, "Content Too Large", "the OSCAL document is larger than " + maxImportBytes + " bytes");
        }
        try {
            JsonNode document = json.readTree(bytes);
            if (document == null || document.isMissingNode()) {
                throw ProblemException.badRequest("the body is empty");
            }
            return document;
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("the body is not valid JSON");
        } catch (IOException e) {
            throw ProblemException.badRequest("the body could not be read");
        }
    }
}
