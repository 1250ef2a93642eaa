package org.compliancesuite.evidence.monitor;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.time.Instant;
import java.util.List;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.evidence.Actor;
import org.compliancesuite.evidence.upstream.UpstreamFailure;
import org.compliancesuite.evidence.upstream.VaultClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Runs the monitors that measure systems themselves (TLS endpoints, Vault keys), on demand or on a schedule. */
@ApplicationScoped
public class MonitorRuns {

    @Inject
    Monitors monitors;

    @Inject
    TlsMonitor tls;

    @Inject
    KeyRotationMonitor keyRotation;

    @Inject
    @RestClient
    VaultClient vault;

    /**
     * @throws ProblemException 409 when no endpoint is configured
     */
    public MonitorRun runTls(Actor actor, String triggeredBy) {
        if (tls.endpoints().isEmpty()) {
            throw ProblemException.conflict("no TLS endpoints are configured (MONITOR_TLS_ENDPOINTS)");
        }
        return monitors.record(actor, tls.evaluate(Instant.now()), triggeredBy);
    }

    /**
     * @throws ProblemException 503 when vault-service cannot answer
     */
    public MonitorRun runKeyRotation(Actor actor, String triggeredBy) {
        List<VaultClient.KeyMetadata> keys;
        try {
            keys = vault.keys();
        } catch (WebApplicationException e) {
            throw UpstreamFailure.unavailable("vault-service", e);
        } catch (RuntimeException e) {
            Log.debugf("vault-service key listing failed: %s", e.getMessage());
            throw UpstreamFailure.unavailable("vault-service", e);
        }
        return monitors.record(actor, keyRotation.evaluate(keys, Instant.now()), triggeredBy);
    }
}
