package org.compliancesuite.reporting.upstream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.compliancesuite.common.security.TokenPropagation;
import org.compliancesuite.reporting.upstream.CatalogRecords.CatalogFramework;
import org.compliancesuite.reporting.upstream.CatalogRecords.Checklist;
import org.compliancesuite.reporting.upstream.CatalogRecords.MaturityAssessment;
import org.compliancesuite.reporting.upstream.CatalogRecords.RecordedAudit;
import org.compliancesuite.reporting.upstream.CatalogRecords.RequirementDetail;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** catalog-service, called with the caller's own token. */
@RegisterRestClient(configKey = "catalog")
@RegisterClientHeaders(TokenPropagation.class)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface CatalogClient {

    @GET
    @Path("/frameworks")
    List<CatalogFramework> frameworks();

    @GET
    @Path("/frameworks/{id}")
    CatalogFramework framework(@PathParam("id") String id);

    @GET
    @Path("/frameworks/{id}/requirements/{code}")
    RequirementDetail requirement(@PathParam("id") String id, @PathParam("code") String code);

    @GET
    @Path("/frameworks/{id}/checklist")
    Checklist checklist(@PathParam("id") String id);

    @GET
    @Path("/frameworks/{id}/audits")
    List<RecordedAudit> audits(@PathParam("id") String id);

    @GET
    @Path("/maturity")
    List<MaturityAssessment> maturity();
}
