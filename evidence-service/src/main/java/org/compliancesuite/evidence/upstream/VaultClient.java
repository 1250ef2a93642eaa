package org.compliancesuite.evidence.upstream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.compliancesuite.common.security.TokenPropagation;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** vault-service as described in the suite's service contracts. */
@RegisterRestClient(configKey = "vault")
@RegisterClientHeaders(TokenPropagation.class)
@RegisterProvider(ServiceTokenFallback.class)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface VaultClient {

    @GET
    @Path("/keys")
    List<KeyMetadata> keys();

    @POST
    @Path("/signatures")
    @Consumes(MediaType.APPLICATION_JSON)
    Signature sign(SignatureRequest request);

    /** The public key of a signing key version; without {@code version}, of the latest one. */
    @GET
    @Path("/signatures/public-key")
    PublicKey publicKey(@QueryParam("version") Integer version);

    /**
     * The checkpoints vault-service signed for the caller's tenant and keeps as their witness, lowest sequence first,
     * from {@code fromSequence} on.
     */
    @GET
    @Path("/signatures/checkpoints")
    WitnessedCheckpoints witnessedCheckpoints(
            @QueryParam("fromSequence") long fromSequence, @QueryParam("page") int page, @QueryParam("size") int size);

    /**
     * One key of the tenant. {@code rotationPeriodDays} 0 or null means automatic rotation is off; {@code purpose} is
     * one of vault-service's key purposes ({@code encryption}, {@code blind-index}, {@code audit-hmac},
     * {@code signing}).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record KeyMetadata(
            String name,
            String purpose,
            Integer latestVersion,
            Integer minDecryptionVersion,
            Integer rotationPeriodDays,
            Boolean autoRotate,
            List<KeyVersion> versions) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record KeyVersion(Integer version, Instant createdAt) {}

    record SignatureRequest(String input) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Signature(String signature, String keyName, Integer keyVersion, String algorithm) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PublicKey(String keyName, Integer keyVersion, String algorithm, String publicKeyPem) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record WitnessedCheckpoints(List<WitnessedCheckpoint> items, Integer page, Integer size, Long total) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record WitnessedCheckpoint(
            Long sequence, String headHash, String signedAt, Integer keyVersion, String signedBy, String recordedAt) {}
}
