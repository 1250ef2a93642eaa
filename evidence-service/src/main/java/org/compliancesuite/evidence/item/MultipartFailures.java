package org.compliancesuite.evidence.item;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.compliancesuite.common.problem.ProblemMappers;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser;

/** A multipart body that cannot be parsed is the client's error, not a server failure. */
public class MultipartFailures {

    @ServerExceptionMapper
    public Response malformed(MultipartParser.MalformedMessageException e, UriInfo uri) {
        return ProblemMappers.build(400, "Bad Request", "the multipart body is malformed", uri.getPath(), null, null)
                .build();
    }
}
