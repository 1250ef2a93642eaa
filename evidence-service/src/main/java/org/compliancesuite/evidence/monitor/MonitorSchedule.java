package org.compliancesuite.evidence.monitor;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.evidence.Actor;
import org.compliancesuite.evidence.schedule.ScheduleClaim;
import org.compliancesuite.evidence.upstream.ServiceToken;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the TLS and key rotation monitors once per period across all replicas, as the service account. Without a
 * service token the run is recorded as failed, so a missing configuration shows on the dashboard instead of as
 * silence.
 */
@ApplicationScoped
public class MonitorSchedule {

    static final String SUBJECT = "evidence-service";

    @Inject
    ScheduleClaim claims;

    @Inject
    MonitorRuns runs;

    @Inject
    Monitors monitors;

    @Inject
    TlsMonitor tls;

    @ConfigProperty(name = "evidence.monitor.every")
    Duration every;

    /** The tenant scheduled runs are recorded for when the service token names none. */
    @ConfigProperty(name = "evidence.monitor.tenant")
    String configuredTenant;

    @Scheduled(
            every = "${evidence.monitor.check-every}",
            delayed = "${evidence.monitor.check-every}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        runDue(Instant.now());
    }

    /** Runs each monitor whose period no replica has claimed yet; returns the runs recorded here. */
    @ActivateRequestContext
    public List<MonitorRun> runDue(Instant now) {
        List<MonitorRun> recorded = new ArrayList<>();
        long slot = ScheduleClaim.slotOf(now, every);
        String tenant = ServiceToken.tenant().orElse(configuredTenant);
        for (Monitor monitor : List.of(Monitor.TLS, Monitor.KEY_ROTATION)) {
            if (monitor == Monitor.TLS && tls.endpoints().isEmpty()) {
                continue;
            }
            if (!claims.claim("monitor-" + monitor.value(), slot)) {
                continue;
            }
            if (ServiceToken.configured().isEmpty()) {
                Log.warnf("scheduled %s monitor not run: SERVICE_TOKEN is not configured", monitor.value());
                recorded.add(monitors.recordFailure(
                        tenant,
                        monitor,
                        new Finding("no-service-token", "scheduled run needs SERVICE_TOKEN to call other services"),
                        "schedule"));
                continue;
            }
            Actor actor = new Actor(tenant, SUBJECT, SUBJECT, false);
            try {
                recorded.add(
                        monitor == Monitor.TLS
                                ? runs.runTls(actor, "schedule")
                                : runs.runKeyRotation(actor, "schedule"));
            } catch (ProblemException e) {
                Log.warnf("scheduled %s monitor failed: %s", monitor.value(), e.getMessage());
                recorded.add(
                        monitors.recordFailure(tenant, monitor, new Finding("run-failed", e.getMessage()), "schedule"));
            }
        }
        return recorded;
    }
}
