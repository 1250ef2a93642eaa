package org.compliancesuite.evidence.item;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.evidence.Actor;
import org.compliancesuite.evidence.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.PartType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path(EvidenceResource.EVIDENCE_PATH)
@Produces(MediaType.APPLICATION_JSON)
public class EvidenceResource {

    static final String EVIDENCE_PATH = "/api/v1/evidence";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String CONTENT_DIGEST = "Content-Digest";
    private static final int MAX_KEY_LENGTH = 200;

    @Inject
    Caller caller;

    @Inject
    EvidenceService evidence;

    @Inject
    MediaTypePolicy mediaTypes;

    @Inject
    ContentStore contentStore;

    @Inject
    Validator validator;

    @Inject
    ObjectMapper json;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.EVIDENCE_COLLECTOR, Roles.COMPLIANCE_MANAGER, Roles.GRC_ADMIN})
    @Operation(summary = "Create evidence from a JSON record", operationId = "createEvidenceRecord")
    @APIResponse(responseCode = "201", description = "Stored; a retry with the same Idempotency-Key answers the same")
    @APIResponse(responseCode = "400", description = "Malformed request")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(
            responseCode = "422",
            description = "Invalid field, unknown control or requirement, Idempotency-Key reused for another request")
    @APIResponse(responseCode = "503", description = "catalog-service unavailable")
    @APIResponse(responseCode = "413", description = "Body larger than EVIDENCE_MAX_JSON_SIZE")
    public Response createRecord(
            @Valid @NotNull EvidenceRecordRequest request, @RestHeader(IDEMPOTENCY_KEY) String idempotencyKey) {
        Actor actor = Actor.of(caller);
        checkKey(idempotencyKey);

        EvidenceService.Validated validated = evidence.validate(actor, request.metadata());
        Map<String, Object> record = json.convertValue(request.record(), new TypeReference<>() {});
        if (record == null) {
            throw ProblemException.unprocessable("record", "must be a JSON object");
        }
        IdempotencyKeys.Key key = idempotencyKey == null
                ? null
                : new IdempotencyKeys.Key(
                        idempotencyKey,
                        IdempotencyKeys.fingerprint(
                                "POST", EVIDENCE_PATH, json.convertValue(request, new TypeReference<>() {})));
        EvidenceService.Created created = evidence.createRecord(
                actor, validated, record, actor.collector() ? EvidenceSource.API : EvidenceSource.MANUAL, key);
        return createdResponse(created);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.EVIDENCE_COLLECTOR, Roles.COMPLIANCE_MANAGER, Roles.GRC_ADMIN})
    @Operation(
            summary = "Create evidence from a file (multipart: metadata as JSON, file, sha256 in hex)",
            operationId = "createEvidenceFile")
    @APIResponse(responseCode = "201", description = "Stored; a retry with the same Idempotency-Key answers the same")
    @APIResponse(responseCode = "400", description = "Missing or mismatched sha256; nothing stored")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "413", description = "File larger than EVIDENCE_MAX_FILE_SIZE")
    @APIResponse(responseCode = "415", description = "Media type not accepted")
    @APIResponse(
            responseCode = "422",
            description =
                    "Invalid metadata, unknown control or requirement, Idempotency-Key reused for another request")
    @APIResponse(responseCode = "503", description = "catalog-service unavailable")
    public Response createFromMultipart(
            @RestForm("metadata") @PartType(MediaType.APPLICATION_JSON) EvidenceMetadata metadata,
            @RestForm("file") FileUpload file,
            @RestForm("sha256") String sha256,
            @RestHeader(IDEMPOTENCY_KEY) String idempotencyKey) {
        Actor actor = Actor.of(caller);
        checkKey(idempotencyKey);
        if (metadata == null) {
            throw ProblemException.unprocessable("metadata", "the metadata part is required");
        }
        if (file == null) {
            throw ProblemException.unprocessable("file", "the file part is required");
        }
        validate(metadata);
        String mediaType = mediaTypes.require(file.contentType());
        String expected = ContentDigest.fromHex(sha256);

        EvidenceService.Validated validated = evidence.validate(actor, metadata);
        IdempotencyKeys.Key key =
                uploadKey(idempotencyKey, EVIDENCE_PATH, metadata, expected, mediaType, file.fileName());
        try (InputStream content = Files.newInputStream(file.uploadedFile())) {
            return createdResponse(evidence.createFile(
                    actor, validated, new EvidenceService.Upload(content, mediaType, file.fileName(), expected), key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @POST
    @Path("/upload")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.EVIDENCE_COLLECTOR, Roles.COMPLIANCE_MANAGER, Roles.GRC_ADMIN})
    @Operation(
            summary = "Create evidence from a raw request body, metadata in query parameters",
            description = "Content-Type is the file's media type and Content-Digest (RFC 9530, sha-256) its digest;"
                    + " the body is streamed to storage while it is hashed.",
            operationId = "uploadEvidenceFile")
    @APIResponse(responseCode = "201", description = "Stored; a retry with the same Idempotency-Key answers the same")
    @APIResponse(responseCode = "400", description = "Missing or mismatched Content-Digest; nothing stored")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "413", description = "File larger than EVIDENCE_MAX_FILE_SIZE")
    @APIResponse(responseCode = "415", description = "Media type not accepted")
    @APIResponse(
            responseCode = "422",
            description =
                    "Invalid metadata, unknown control or requirement, Idempotency-Key reused for another request")
    @APIResponse(responseCode = "503", description = "catalog-service unavailable")
    public Response upload(
            InputStream body,
            @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @RestHeader(CONTENT_DIGEST) String contentDigest,
            @RestHeader(IDEMPOTENCY_KEY) String idempotencyKey,
            @RestQuery String title,
            @RestQuery String description,
            @RestQuery("controlId") List<String> controlIds,
            @RestQuery("requirementRef") List<String> requirementRefs,
            @RestQuery Instant collectedAt,
            @RestQuery LocalDate periodStart,
            @RestQuery LocalDate periodEnd,
            @RestQuery String fileName) {
        Actor actor = Actor.of(caller);
        checkKey(idempotencyKey);
        EvidenceMetadata metadata = new EvidenceMetadata(
                title, description, controlIds, requirementRefs, collectedAt, periodStart, periodEnd);
        validate(metadata);
        String mediaType = mediaTypes.require(contentType);
        String expected = ContentDigest.fromHeader(contentDigest);

        EvidenceService.Validated validated = evidence.validate(actor, metadata);
        IdempotencyKeys.Key key =
                uploadKey(idempotencyKey, EVIDENCE_PATH + "/upload", metadata, expected, mediaType, fileName);
        return createdResponse(evidence.createFile(
                actor, validated, new EvidenceService.Upload(body, mediaType, fileName, expected), key));
    }

    @GET
    @RolesAllowed({
        Roles.COMPLIANCE_MANAGER,
        Roles.AUDITOR,
        Roles.GRC_ADMIN,
        Roles.EVIDENCE_COLLECTOR,
        Roles.SECURITY_OFFICER
    })
    @Operation(summary = "List evidence metadata, filtered and paged", operationId = "listEvidence")
    @APIResponse(responseCode = "200", description = "One page of evidence, newest collected first")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "422", description = "Invalid filter or paging")
    public Page<EvidenceSummary> list(
            @RestQuery String control,
            @RestQuery String requirement,
            @RestQuery String source,
            @RestQuery String state,
            @RestQuery Instant from,
            @RestQuery Instant to,
            @RestQuery("page") @Min(0) Integer page,
            @RestQuery("size") @Min(1) @Max(500) Integer size) {
        String tenant = caller.tenant();
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;

        List<String> where = new ArrayList<>(List.of("tenant = :tenant", "deletedAt is null"));
        Parameters params = Parameters.with("tenant", tenant);
        if (control != null) {
            where.add(":control member of controlIds");
            params.and("control", control);
        }
        if (requirement != null) {
            where.add(":requirement member of requirementRefs");
            params.and("requirement", requirement);
        }
        if (source != null) {
            where.add("source = :source");
            params.and("source", EvidenceSource.parse(source, "source").value());
        }
        if (state != null) {
            where.add("state = :state");
            params.and("state", EvidenceState.parse(state, "state").value());
        }
        if (from != null) {
            where.add("collectedAt >= :from");
            params.and("from", from);
        }
        if (to != null) {
            where.add("collectedAt < :to");
            params.and("to", to);
        }
        var query = EvidenceItem.<EvidenceItem>find(
                        String.join(" and ", where),
                        Sort.descending("collectedAt").and("id"),
                        params)
                .page(p, s);
        List<EvidenceSummary> items =
                query.list().stream().map(EvidenceSummary::of).toList();
        return new Page<>(items, p, s, query.count());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({
        Roles.COMPLIANCE_MANAGER,
        Roles.AUDITOR,
        Roles.GRC_ADMIN,
        Roles.EVIDENCE_COLLECTOR,
        Roles.SECURITY_OFFICER
    })
    @Operation(summary = "Read the metadata of one evidence item", operationId = "getEvidence")
    @APIResponse(responseCode = "200", description = "The evidence")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such evidence for this tenant")
    public EvidenceView get(@RestPath UUID id) {
        String tenant = caller.tenant();
        return EvidenceView.of(EvidenceItem.ofTenant(tenant, id).orElseThrow(() -> EvidenceService.notFound(id)));
    }

    @GET
    @Path("/{id}/content")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.GRC_ADMIN})
    @Operation(
            summary = "Download the content with its digest (Content-Digest, RFC 9530)",
            operationId = "downloadEvidence")
    @APIResponse(responseCode = "200", description = "The bytes as stored")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such evidence for this tenant")
    @APIResponse(responseCode = "410", description = "Content deleted after its retention period")
    public Response download(@RestPath UUID id, HttpServerResponse response) {
        String tenant = caller.tenant();
        EvidenceItem item = EvidenceItem.ofTenant(tenant, id).orElseThrow(() -> EvidenceService.notFound(id));
        if (item.deletedAt != null) {
            throw new ProblemException(410, "Gone", "the content was deleted at the end of its retention");
        }

        UUID contentId = item.contentId;
        long size = item.size;
        StreamingOutput stream = out -> {
            try {
                contentStore.copyTo(contentId, size, out);
            } catch (ContentStore.IncompleteContentException e) {
                // Content-Length promised the recorded size: closing the connection is the only way left to tell the
                // client the bytes are not the evidence, so it never takes a short body for a complete one.
                Log.errorf("download of evidence %s aborted: stored content is incomplete (%s)", id, e.getMessage());
                response.reset();
            }
        };
        String name = item.fileName != null ? item.fileName : item.id + (item.kind.equals("record") ? ".json" : "");
        return Response.ok(stream, item.mediaType)
                .header(CONTENT_DIGEST, ContentDigest.header(item.sha256))
                .header(HttpHeaders.CONTENT_LENGTH, item.size)
                .header("Content-Disposition", FileNames.contentDisposition(name))
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @POST
    @Path("/{id}/review")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COMPLIANCE_MANAGER, Roles.AUDITOR})
    @Operation(summary = "Accept or reject submitted evidence", operationId = "reviewEvidence")
    @APIResponse(responseCode = "200", description = "The reviewed evidence")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such evidence for this tenant")
    @APIResponse(responseCode = "409", description = "Already reviewed or deleted")
    @APIResponse(responseCode = "422", description = "Rejection without reason")
    @APIResponse(responseCode = "413", description = "Body larger than EVIDENCE_MAX_JSON_SIZE")
    public EvidenceView review(@RestPath UUID id, @Valid @NotNull ReviewRequest request) {
        Actor actor = Actor.of(caller);
        return EvidenceView.of(evidence.review(actor, id, request));
    }

    @PUT
    @Path("/{id}/links")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COMPLIANCE_MANAGER, Roles.GRC_ADMIN})
    @Operation(summary = "Replace the controls and requirements the evidence supports", operationId = "relinkEvidence")
    @APIResponse(responseCode = "200", description = "The relinked evidence")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such evidence for this tenant")
    @APIResponse(responseCode = "409", description = "Evidence deleted")
    @APIResponse(responseCode = "422", description = "Unknown control or requirement")
    @APIResponse(responseCode = "503", description = "catalog-service unavailable")
    @APIResponse(responseCode = "413", description = "Body larger than EVIDENCE_MAX_JSON_SIZE")
    public EvidenceView relink(@RestPath UUID id, @Valid @NotNull LinksRequest request) {
        Actor actor = Actor.of(caller);
        evidence.live(actor.tenant(), id);
        EvidenceService.Links links = evidence.validateLinks(actor, request.controlIds(), request.requirementRefs());
        return EvidenceView.of(evidence.relink(actor, id, links));
    }

    private void validate(EvidenceMetadata metadata) {
        var violations = validator.validate(metadata);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
    }

    /** The key of an upload, bound to its metadata and to the digest it announced for its bytes. */
    private IdempotencyKeys.Key uploadKey(
            String idempotencyKey,
            String path,
            EvidenceMetadata metadata,
            String sha256,
            String mediaType,
            String fileName) {
        if (idempotencyKey == null) {
            return null;
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("metadata", json.convertValue(metadata, new TypeReference<Map<String, Object>>() {}));
        request.put("sha256", sha256);
        request.put("mediaType", mediaType);
        request.put("fileName", fileName);
        return new IdempotencyKeys.Key(idempotencyKey, IdempotencyKeys.fingerprint("POST", path, request));
    }

    private static void checkKey(String key) {
        if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
            throw ProblemException.badRequest("Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
    }

    private static Response createdResponse(EvidenceService.Created created) {
        return Response.status(Response.Status.CREATED)
                .entity(EvidenceView.of(created.item()))
                .location(URI.create("/api/v1/evidence/" + created.item().id))
                .header("Idempotent-Replayed", String.valueOf(created.replayed()))
                .build();
    }
}
