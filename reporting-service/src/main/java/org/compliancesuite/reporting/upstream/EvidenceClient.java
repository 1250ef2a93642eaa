package org.compliancesuite.reporting.upstream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.compliancesuite.common.security.TokenPropagation;
import org.compliancesuite.reporting.upstream.EvidenceRecords.ControlFreshness;
import org.compliancesuite.reporting.upstream.EvidenceRecords.EvidencePage;
import org.compliancesuite.reporting.upstream.EvidenceRecords.MonitorRun;
import org.compliancesuite.reporting.upstream.EvidenceRecords.Sample;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * evidence-service, called with the caller's own token. Only its aggregate and paged calls are used, so the cost of a
 * report does not grow with the number of evidence items.
 */
@RegisterRestClient(configKey = "evidence")
@RegisterClientHeaders(TokenPropagation.class)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface EvidenceClient {

    @GET
    @Path("/freshness/controls")
    List<ControlFreshness> freshness();

    @GET
    @Path("/evidence")
    EvidencePage evidence(
            @QueryParam("control") String control,
            @QueryParam("state") String state,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("page") int page,
            @QueryParam("size") int size);

    @GET
    @Path("/monitors/latest")
    List<MonitorRun> latestMonitors();

    @GET
    @Path("/samples")
    List<Sample> samples(
            @QueryParam("controlId") String controlId, @QueryParam("from") String from, @QueryParam("to") String to);
}
