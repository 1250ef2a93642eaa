package org.compliancesuite.evidence.upstream;

import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import org.compliancesuite.common.problem.ProblemException;

/** Turns a failed call to another service of the suite into the refusal a client can act on. */
public final class UpstreamFailure {

    private static final int RETRY_AFTER_SECONDS = 30;

    private UpstreamFailure() {}

    /** 503 naming the service that could not answer; the cause is logged, never returned. */
    public static ProblemException unavailable(String service, RuntimeException cause) {
        String status = cause instanceof WebApplicationException wae
                ? String.valueOf(wae.getResponse().getStatus())
                : cause.getClass().getSimpleName();
        Log.warnf("%s did not answer (%s)", service, status);
        return ProblemException.unavailable(service + " is unavailable; retry later", RETRY_AFTER_SECONDS);
    }
}
