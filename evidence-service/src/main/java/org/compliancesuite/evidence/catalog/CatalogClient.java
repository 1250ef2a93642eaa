package org.compliancesuite.evidence.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.compliancesuite.common.security.TokenPropagation;
import org.compliancesuite.evidence.upstream.ServiceTokenFallback;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** catalog-service as described in the suite's service contracts. */
@RegisterRestClient(configKey = "catalog")
@RegisterClientHeaders(TokenPropagation.class)
@RegisterProvider(ServiceTokenFallback.class)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface CatalogClient {

    @GET
    @Path("/controls")
    ControlPage controls(@QueryParam("page") int page, @QueryParam("size") int size);

    /** A page of the catalog's common controls; only the fields this service uses. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ControlPage(List<ControlRef> items, long total) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ControlRef(String id, String evidenceFrequency) {}

    @GET
    @Path("/controls/{id}")
    CatalogControl control(@PathParam("id") String id);

    @GET
    @Path("/frameworks/{id}/requirements/{code}")
    CatalogRequirement requirement(@PathParam("id") String frameworkId, @PathParam("code") String code);
}
