package org.compliancesuite.vault.signature;

import io.quarkus.logging.Log;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Base64;
import java.util.List;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.vault.access.AccessContext;
import org.compliancesuite.vault.access.PhiGate;
import org.compliancesuite.vault.audit.AccessEvent;
import org.compliancesuite.vault.audit.AuditLog;
import org.compliancesuite.vault.keys.KeyInfo;
import org.compliancesuite.vault.keys.KeyNames;
import org.compliancesuite.vault.keys.KeyProvider;
import org.compliancesuite.vault.keys.KeyRing;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Ed25519 signatures of evidence ledger checkpoints, and of nothing else ({@link CheckpointStatement}): Transit
 * {@code sign} with the tenant's ed25519 key in Vault mode, a local Ed25519 key otherwise. The signature is the raw
 * 64-byte Ed25519 signature in base64, verifiable offline with the PEM public key of the named version. Every signed
 * statement is witnessed ({@link CheckpointWitness}), and the witness is readable for evidence-service's verification.
 */
@Path("/api/v1/signatures")
@Produces(MediaType.APPLICATION_JSON)
public class SignatureResource {

    static final String ALGORITHM = "ed25519";
    static final String ANOTHER_HEAD = "sequence-already-signed-with-another-head";
    static final String WITNESS_READ = "checkpoint-witness-read";
    private static final byte[] SPKI_PREFIX = java.util.HexFormat.of().parseHex("302a300506032b6570032100");

    @Inject
    Caller caller;

    @Inject
    KeyProvider provider;

    @Inject
    KeyRing keys;

    @Inject
    KeyNames names;

    @Inject
    AuditLog audit;

    @Inject
    AccessContext context;

    @Inject
    CheckpointWitness witness;

    @Inject
    PhiGate gate;

    @ConfigProperty(name = "vault.unavailable.retry-after-seconds")
    int retryAfterSeconds;

    public record SignRequest(@NotBlank String input) {}

    public record SignResult(String signature, String keyName, int keyVersion, String algorithm) {}

    public record PublicKeyView(String keyName, int keyVersion, String algorithm, String publicKeyPem) {}

    public record WitnessedCheckpointView(
            long sequence, String headHash, String signedAt, int keyVersion, String signedBy, String recordedAt) {}

    public record WitnessedCheckpoints(List<WitnessedCheckpointView> items, int page, int size, long total) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    // the roles that may ask evidence-service for a checkpoint, and its service account for scheduled ones
    @RolesAllowed({Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER, Roles.EVIDENCE_COLLECTOR})
    @Operation(
            summary = "Sign a ledger checkpoint statement of the caller's tenant with the tenant's Ed25519 key",
            description = "Roles: grc-admin, compliance-manager, evidence-collector. The input (base64) must decode to"
                    + " a checkpoint statement in canonical JSON (compact, keys sorted) with exactly the fields"
                    + " headHash (64 lower-case hex), sequence (positive integer), signedAt (ISO-8601 instant),"
                    + " tenant (the token's tenant) and type (\"ledger-checkpoint/v1\"); anything else is refused, so"
                    + " the key signs nothing but checkpoints. Each signed statement is witnessed (GET"
                    + " /api/v1/signatures/checkpoints): a sequence is signed with one head hash only, the same head"
                    + " again is a retry and records nothing new. Every request is recorded in the access audit log.",
            operationId = "sign")
    @APIResponse(responseCode = "200", description = "The signature")
    @APIResponse(responseCode = "400", description = "Input is not valid base64, unknown field or malformed JSON")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(
            responseCode = "409",
            description = "The statement's sequence was already signed with another head hash: the tenant's chain"
                    + " differs from what was signed at that sequence")
    @APIResponse(
            responseCode = "422",
            description = "The input is not a canonical checkpoint statement of the caller's tenant")
    @APIResponse(responseCode = "503", description = "Key service unreachable or sealed (Retry-After)")
    public SignResult sign(@Valid @NotNull SignRequest request) {
        String logical = names.logicalName(KeyNames.Purpose.SIGNING);
        AccessEvent event = context.event("sign").withItem(null, null, logical, null);
        byte[] input;
        try {
            input = Base64.getDecoder().decode(request.input());
        } catch (IllegalArgumentException e) {
            refuse(event, "invalid-base64");
            throw ProblemException.badRequest("input is not valid base64");
        }
        CheckpointStatement statement;
        try {
            statement = CheckpointStatement.parse(input, caller.tenant());
        } catch (CheckpointStatement.NotAStatement e) {
            refuse(event, e.code());
            throw ProblemException.unprocessable("input", e.getMessage());
        }
        if (witness.head(statement.tenant(), statement.sequence())
                .filter(head -> !head.equals(statement.headHash()))
                .isPresent()) {
            refuse(event, ANOTHER_HEAD);
            throw anotherHead(statement);
        }

        KeyProvider.Signed signed;
        try {
            signed = provider.sign(keys.key(KeyNames.Purpose.SIGNING, caller.tenant()), input);
        } catch (ProblemException e) {
            audit.record(event.withOutcome(AccessEvent.FAILED, "key service unavailable"));
            context.markAudited();
            throw e;
        }
        try {
            witness.record(statement, signed.version(), caller.subject());
        } catch (CheckpointWitness.AnotherHead e) {
            // a concurrent request signed another head at this sequence first: this signature is never handed out
            refuse(event, ANOTHER_HEAD);
            throw anotherHead(statement);
        }

        audit.record(event.withItem(null, null, logical, signed.version()));
        context.markAudited();
        return new SignResult(
                Base64.getEncoder().encodeToString(signed.signature()), logical, signed.version(), ALGORITHM);
    }

    private static ProblemException anotherHead(CheckpointStatement statement) {
        // what a rewritten or restored evidence ledger looks like from here: a person should compare the two
        Log.warnf(
                "refused to sign sequence %d of tenant %s's ledger with another head than the one witnessed",
                statement.sequence(), statement.tenant());
        return ProblemException.conflict("sequence " + statement.sequence()
                + " of the tenant's ledger was already signed with another head hash; a sequence is signed once");
    }

    private void refuse(AccessEvent event, String reason) {
        audit.record(event.withOutcome(AccessEvent.REJECTED, reason));
        context.markAudited();
    }

    @GET
    @Path("/public-key")
    @RolesAllowed({
        Roles.GRC_ADMIN,
        Roles.EVIDENCE_COLLECTOR,
        Roles.AUDITOR,
        Roles.SECURITY_OFFICER,
        Roles.COMPLIANCE_MANAGER
    })
    @Operation(
            summary = "The public key of a signing key version (the latest by default), as PEM",
            description = "version=N names the version a checkpoint was signed with (its keyId name:N), so that"
                    + " checkpoints signed before a rotation still verify offline.",
            operationId = "signingPublicKey")
    @APIResponse(responseCode = "200", description = "The public key")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(
            responseCode = "404",
            description = "The tenant has signed nothing yet, or the key has no such version")
    @APIResponse(responseCode = "422", description = "version is not a positive number")
    @APIResponse(responseCode = "503", description = "Key service unreachable or sealed (Retry-After)")
    public PublicKeyView publicKey(@QueryParam("version") @Min(1) Integer version) {
        // reading creates nothing: a tenant's signing key exists once its first checkpoint was signed
        String key = names.providerName(KeyNames.Purpose.SIGNING, caller.tenant());
        KeyInfo info =
                provider.read(key).orElseThrow(() -> ProblemException.notFound("the tenant has no signing key yet"));
        int wanted = version == null ? info.latestVersion() : version;
        byte[] raw = info.publicKeys().get(wanted);
        if (raw == null && version != null) {
            throw ProblemException.notFound("the signing key has no version " + version);
        }
        if (raw == null) {
            throw ProblemException.unavailable(
                    "the key service did not return the signing public key", retryAfterSeconds);
        }
        return new PublicKeyView(names.logicalName(KeyNames.Purpose.SIGNING), wanted, ALGORITHM, pem(raw));
    }

    @GET
    @Path("/checkpoints")
    // the roles that create or verify checkpoints in evidence-service, whose verification reads this list
    @RolesAllowed({
        Roles.GRC_ADMIN,
        Roles.COMPLIANCE_MANAGER,
        Roles.AUDITOR,
        Roles.SECURITY_OFFICER,
        Roles.EVIDENCE_COLLECTOR
    })
    @Operation(
            summary = "Page through the ledger checkpoints this service signed for the caller's tenant, by sequence",
            description = "The witness of every checkpoint statement signed for the tenant: sequence, head hash,"
                    + " signedAt as signed, the key version that signed it, the subject that asked and when it was"
                    + " recorded. It is kept in vault-service's own database, append-only, so evidence-service's"
                    + " verification can find a chain rewritten, checkpoints deleted or entries cut off its end."
                    + " fromSequence (default 1) lists sequences from that one on; page and size page through them."
                    + " Every read is recorded in the access audit log.",
            operationId = "listWitnessedCheckpoints")
    @APIResponse(responseCode = "200", description = "One page of witnessed checkpoints, lowest sequence first")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "422", description = "fromSequence, page or size out of range")
    @APIResponse(responseCode = "429", description = "Client rate limit exceeded (Retry-After)")
    public WitnessedCheckpoints witnessedCheckpoints(
            @QueryParam("fromSequence") @DefaultValue("1") @Min(1) long fromSequence,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        String logical = names.logicalName(KeyNames.Purpose.SIGNING);
        AccessEvent event = context.event(WITNESS_READ).withItem(null, null, logical, null);
        gate.admit(event);

        CheckpointWitness.Page found = witness.list(caller.tenant(), fromSequence, page, size);

        audit.record(event);
        context.markAudited();
        List<WitnessedCheckpointView> items = found.items().stream()
                .map(w -> new WitnessedCheckpointView(
                        w.sequence(),
                        w.headHash(),
                        w.signedAt(),
                        w.keyVersion(),
                        w.signedBy(),
                        w.recordedAt().toString()))
                .toList();
        return new WitnessedCheckpoints(items, page, size, found.total());
    }

    /** X.509 SubjectPublicKeyInfo of a raw Ed25519 key (RFC 8410), PEM-encoded. */
    static String pem(byte[] raw) {
        byte[] spki = java.util.Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + raw.length);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, raw.length);
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(spki) + "\n-----END PUBLIC KEY-----\n";
    }
}
