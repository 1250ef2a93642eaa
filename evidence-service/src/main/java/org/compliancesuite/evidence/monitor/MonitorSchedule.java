package org.compliancesuite.evidence.monitor;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    @Inject
    EntityManager em;

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

    /**
     * Runs each monitor whose period no replica has claimed yet; returns the runs recorded here. Runs are made for one
     * tenant: the one the service token speaks for (or {@code MONITOR_TENANT} without a token), because the monitors
     * call catalog-service and vault-service with that token and those answer for its tenant only. Other tenants run
     * the monitors on demand; which ones were left out is logged once per run.
     */
    @ActivateRequestContext
    public List<MonitorRun> runDue(Instant now) {
        List<MonitorRun> recorded = new ArrayList<>();
        long slot = ScheduleClaim.slotOf(now, every);
        Optional<String> tokenTenant = ServiceToken.tenant();
        String tenant = tokenTenant.orElse(configuredTenant);
        boolean ran = false;
        for (Monitor monitor : List.of(Monitor.TLS, Monitor.KEY_ROTATION)) {
            if (monitor == Monitor.TLS && tls.endpoints().isEmpty()) {
                continue;
            }
            if (!claims.claim("monitor-" + monitor.value(), slot)) {
                continue;
            }
            ran = true;
            if (ServiceToken.configured().isEmpty()) {
                Log.warnf(
                        "scheduled %s monitor not run: SERVICE_TOKEN or SERVICE_TOKEN_FILE is not configured",
                        monitor.value());
                recorded.add(monitors.recordFailure(
                        tenant,
                        monitor,
                        new Finding(
                                "no-service-token",
                                "scheduled run needs SERVICE_TOKEN or SERVICE_TOKEN_FILE to call other services"),
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
        if (ran) {
            logSkippedTenants(tenant, tokenTenant.isPresent());
        }
        return recorded;
    }

    private void logSkippedTenants(String tenant, boolean fromToken) {
        List<String> skipped = QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery(
                                "SELECT tenant FROM ledger_head WHERE tenant <> ?1 ORDER BY tenant", String.class)
                        .setParameter(1, tenant)
                        .getResultList());
        if (!skipped.isEmpty()) {
            Log.infof(
                    "scheduled monitors ran for tenant %s only (%s) and skipped tenants %s: their users run them on"
                            + " demand",
                    tenant,
                    fromToken ? "the tenant of the service token" : "MONITOR_TENANT, no service token with a tenant",
                    skipped);
        }
    }
}
