package org.compliancesuite.vault.phi;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.vault.phi.PhiApi.BatchResult;
import org.compliancesuite.vault.phi.PhiApi.CiphertextRequest;
import org.compliancesuite.vault.phi.PhiApi.EncryptRequest;
import org.compliancesuite.vault.phi.PhiApi.ItemError;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/v1/phi")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PhiResource {

    @Inject
    PhiService phi;

    @POST
    @Path("/encrypt")
    @RolesAllowed(Roles.PHI_ENCRYPTOR)
    @Operation(
            summary = "Encrypt one field or a batch (items), each optionally bound to a record and field and owned by a"
                    + " data subject",
            operationId = "encryptPhi")
    @APIResponse(responseCode = "200", description = "The ciphertext, or per-item results in input order")
    @APIResponse(
            responseCode = "400",
            description = "Invalid base64, unknown field, malformed JSON, or both a single item and a batch")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "409", description = "The data subject was crypto-shredded")
    @APIResponse(responseCode = "413", description = "Batch larger than BATCH_MAX_ITEMS")
    @APIResponse(responseCode = "422", description = "Invalid request or empty batch")
    @APIResponse(responseCode = "429", description = "Client rate limit exceeded (Retry-After)")
    @APIResponse(responseCode = "503", description = "Key service unreachable or sealed (Retry-After)")
    public Object encrypt(@Valid @NotNull EncryptRequest request) {
        List<PhiApi.EncryptResult> results = phi.encrypt(request);
        return request.batch()
                ? new BatchResult<>(results)
                : single(results.getFirst(), results.getFirst().error());
    }

    @POST
    @Path("/decrypt")
    @RolesAllowed(Roles.PHI_READER)
    @Operation(
            summary = "Decrypt one field or a batch; needs the X-Purpose-Of-Use header, and for break-glass a"
                    + " justification",
            operationId = "decryptPhi")
    @Parameter(
            name = "X-Purpose-Of-Use",
            in = ParameterIn.HEADER,
            required = true,
            description = "treatment, payment, operations, audit, legal or break-glass")
    @Parameter(
            name = "X-Break-Glass-Justification",
            in = ParameterIn.HEADER,
            description = "Why emergency access is needed (break-glass)")
    @APIResponse(responseCode = "200", description = "The plaintext (base64), or per-item results in input order")
    @APIResponse(
            responseCode = "400",
            description = "Malformed ciphertext, missing purpose of use, unknown field, or both a single item and a"
                    + " batch")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed, or break-glass without the break-glass role")
    @APIResponse(responseCode = "413", description = "Batch larger than BATCH_MAX_ITEMS")
    @APIResponse(
            responseCode = "422",
            description = "Tampered ciphertext, wrong context or tenant, unknown key, version below the minimum,"
                    + " shredded data subject, a declared dataSubject that is not the ciphertext's, empty batch")
    @APIResponse(responseCode = "429", description = "Client rate limit exceeded (Retry-After)")
    @APIResponse(responseCode = "503", description = "Key service or audit log unavailable (Retry-After)")
    public Object decrypt(@Valid @NotNull CiphertextRequest request) {
        List<PhiApi.DecryptResult> results = phi.decrypt(request);
        return request.batch()
                ? new BatchResult<>(results)
                : single(results.getFirst(), results.getFirst().error());
    }

    @POST
    @Path("/rewrap")
    @RolesAllowed({Roles.PHI_ENCRYPTOR, Roles.SECURITY_OFFICER})
    @Operation(
            summary = "Move ciphertexts to the latest key version; never returns plaintext",
            operationId = "rewrapPhi")
    @APIResponse(responseCode = "200", description = "The new ciphertext, or per-item results in input order")
    @APIResponse(
            responseCode = "400",
            description = "Malformed ciphertext, unknown field, or both a single item and a batch")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "413", description = "Batch larger than BATCH_MAX_ITEMS")
    @APIResponse(
            responseCode = "422",
            description = "Tampered ciphertext, wrong context, unknown key, retired version, shredded or mismatched"
                    + " data subject, empty batch")
    @APIResponse(responseCode = "429", description = "Client rate limit exceeded (Retry-After)")
    @APIResponse(responseCode = "503", description = "Key service unreachable or sealed (Retry-After)")
    public Object rewrap(@Valid @NotNull CiphertextRequest request) {
        List<PhiApi.RewrapResult> results = phi.rewrap(request);
        return request.batch()
                ? new BatchResult<>(results)
                : single(results.getFirst(), results.getFirst().error());
    }

    @POST
    @Path("/blind-index")
    @RolesAllowed({Roles.PHI_ENCRYPTOR, Roles.PHI_READER})
    @Operation(
            summary = "Keyed HMAC-SHA256 of a normalised value, to find records by equality without decrypting",
            operationId = "blindIndex")
    @APIResponse(responseCode = "200", description = "The index")
    @APIResponse(responseCode = "400", description = "Unknown field or malformed JSON")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "422", description = "Invalid request, or a value that is empty after normalisation")
    @APIResponse(responseCode = "429", description = "Client rate limit exceeded (Retry-After)")
    @APIResponse(responseCode = "503", description = "Key service unreachable or sealed (Retry-After)")
    public PhiApi.BlindIndexResult blindIndex(@Valid @NotNull PhiApi.BlindIndexRequest request) {
        return phi.blindIndex(request);
    }

    @POST
    @Path("/subjects/shred")
    @RolesAllowed(Roles.SECURITY_OFFICER)
    @Operation(
            summary = "Crypto-shred a data subject: destroy its key so that none of its ciphertexts can be decrypted;"
                    + " irreversible",
            operationId = "shredSubject")
    @APIResponse(responseCode = "200", description = "Shredded")
    @APIResponse(responseCode = "400", description = "Unknown field or malformed JSON")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "409", description = "Already shredded")
    @APIResponse(responseCode = "422", description = "Invalid request")
    @APIResponse(responseCode = "429", description = "Client rate limit exceeded (Retry-After)")
    @APIResponse(responseCode = "503", description = "Key service or audit log unavailable (Retry-After)")
    public PhiApi.ShredResult shred(@Valid @NotNull PhiApi.ShredRequest request) {
        return phi.shred(request);
    }

    private static <T> T single(T result, ItemError error) {
        if (error != null) {
            throw new ProblemException(error.status(), title(error.status()), error.message());
        }
        return result;
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 409 -> "Conflict";
            default -> "Unprocessable Content";
        };
    }
}
