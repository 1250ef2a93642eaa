package org.compliancesuite.reporting.upstream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.compliancesuite.common.security.TokenPropagation;
import org.compliancesuite.reporting.upstream.VaultRecords.VaultKey;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** vault-service key metadata, called with the caller's own token. */
@RegisterRestClient(configKey = "vault")
@RegisterClientHeaders(TokenPropagation.class)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface VaultClient {

    @GET
    @Path("/keys")
    List<VaultKey> keys();
}
