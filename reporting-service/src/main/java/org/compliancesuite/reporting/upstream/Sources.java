package org.compliancesuite.reporting.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.channel.ConnectTimeoutException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.reporting.upstream.CatalogRecords.CatalogFramework;
import org.compliancesuite.reporting.upstream.CatalogRecords.Checklist;
import org.compliancesuite.reporting.upstream.CatalogRecords.MaturityAssessment;
import org.compliancesuite.reporting.upstream.CatalogRecords.RecordedAudit;
import org.compliancesuite.reporting.upstream.CatalogRecords.RequirementDetail;
import org.compliancesuite.reporting.upstream.EvidenceRecords.ControlFreshness;
import org.compliancesuite.reporting.upstream.EvidenceRecords.EvidencePage;
import org.compliancesuite.reporting.upstream.EvidenceRecords.MonitorRun;
import org.compliancesuite.reporting.upstream.EvidenceRecords.Sample;
import org.compliancesuite.reporting.upstream.VaultRecords.VaultKey;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The records a report is computed from, read from the suite's services for the caller's tenant with the caller's
 * token. A source that fails makes the whole request fail (502/503 naming it): a report is never shown with a part
 * missing. Remembers the oldest fetch time of everything read during the request, which is the report's as-of time.
 */
@RequestScoped
public class Sources {

    private static final int RETRY_AFTER_SECONDS = 10;

    @Inject
    @RestClient
    CatalogClient catalog;

    @Inject
    @RestClient
    EvidenceClient evidence;

    @Inject
    @RestClient
    VaultClient vault;

    @Inject
    UpstreamCache cache;

    @Inject
    Caller caller;

    private Instant asOf;
    private final Set<Dependency> consulted = EnumSet.noneOf(Dependency.class);

    public List<CatalogFramework> frameworks() {
        return read(Dependency.CATALOG, "frameworks", null, () -> catalog.frameworks());
    }

    /** One framework; 404 when the catalog does not know it for this tenant. */
    public CatalogFramework framework(String id) {
        return read(
                Dependency.CATALOG, "framework:" + id, "unknown framework '" + id + "'", () -> catalog.framework(id));
    }

    /** One requirement, or null when the catalog does not know it. */
    public RequirementDetail requirementOrNull(String frameworkId, String code) {
        try {
            return read(
                    Dependency.CATALOG,
                    "requirement:" + frameworkId + ":" + code,
                    "unknown requirement",
                    () -> catalog.requirement(frameworkId, code));
        } catch (ProblemException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    public Checklist checklist(String frameworkId) {
        return read(
                Dependency.CATALOG,
                "checklist:" + frameworkId,
                "unknown framework '" + frameworkId + "'",
                () -> catalog.checklist(frameworkId));
    }

    public List<RecordedAudit> audits(String frameworkId) {
        return read(
                Dependency.CATALOG,
                "audits:" + frameworkId,
                "unknown framework '" + frameworkId + "'",
                () -> catalog.audits(frameworkId));
    }

    public List<MaturityAssessment> maturity() {
        return read(Dependency.CATALOG, "maturity", null, () -> catalog.maturity());
    }

    /** The freshness summary per control, keyed by control id. */
    public Map<String, ControlFreshness> freshness() {
        List<ControlFreshness> list = read(Dependency.EVIDENCE, "freshness", null, () -> evidence.freshness());
        return list.stream()
                .collect(Collectors.toMap(ControlFreshness::controlId, f -> f, (a, b) -> a, LinkedHashMap::new));
    }

    /**
     * The newest evidence item of one control in any state (a one-item page, newest collected first). One call per
     * control, whatever the number of the control's items.
     */
    public EvidencePage latestEvidenceOf(String controlId) {
        return read(
                Dependency.EVIDENCE,
                "latest-evidence:" + controlId,
                null,
                () -> evidence.evidence(controlId, null, null, null, 0, 1));
    }

    /**
     * Evidence of one control in a state collected on or before a day (UTC), newest first. evidence-service takes an
     * exclusive upper bound instant, so the day after at midnight is sent.
     */
    public EvidencePage evidenceOfControl(String controlId, String state, LocalDate onOrBefore, int size) {
        String before =
                onOrBefore.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        return read(
                Dependency.EVIDENCE,
                "evidence:" + controlId + ":" + state + ":" + before + ":" + size,
                null,
                () -> evidence.evidence(controlId, state, null, before, 0, size));
    }

    public List<MonitorRun> monitors() {
        return read(Dependency.EVIDENCE, "monitors", null, () -> evidence.latestMonitors());
    }

    public List<Sample> samples(String controlId, LocalDate from, LocalDate to) {
        return read(
                Dependency.EVIDENCE,
                "samples:" + controlId + ":" + from + ":" + to,
                null,
                () -> evidence.samples(controlId, from.toString(), to.toString()));
    }

    public List<VaultKey> keys() {
        return read(Dependency.VAULT, "keys", null, () -> vault.keys());
    }

    /** The oldest fetch time of all data read so far in this request: the data's as-of time. */
    public Instant asOf() {
        return asOf == null ? Instant.now() : asOf;
    }

    /** The services this request read from. */
    public List<String> consulted() {
        return consulted.stream().map(Dependency::serviceName).toList();
    }

    private <T> T read(Dependency dependency, String call, String notFoundDetail, Supplier<T> fetch) {
        // Keyed by tenant and roles: a caller never receives an answer the source would have refused its own roles.
        String scope = caller.tenant() + "|" + String.join(",", new TreeSet<>(caller.roles()));
        UpstreamCache.Fetched<T> fetched = cache.get(scope, call, () -> invoke(dependency, notFoundDetail, fetch));
        consulted.add(dependency);
        if (asOf == null || fetched.fetchedAt().isBefore(asOf)) {
            asOf = fetched.fetchedAt();
        }
        return fetched.value();
    }

    private static <T> T invoke(Dependency dependency, String notFoundDetail, Supplier<T> fetch) {
        String name = dependency.serviceName();
        T value;
        try {
            value = fetch.get();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404 && notFoundDetail != null) {
                throw ProblemException.notFound(notFoundDetail);
            }
            Log.warnf("%s answered HTTP %d", name, status);
            if (status == 403) {
                throw new ProblemException(
                        403, "Forbidden", name + " does not allow the caller's roles to read the records this needs");
            }
            if (status == 503) {
                throw ProblemException.unavailable(name + " is unavailable (it answered 503)", RETRY_AFTER_SECONDS);
            }
            throw badGateway(name + " failed (it answered HTTP " + status + ")");
        } catch (ProblemException e) {
            throw e;
        } catch (ProcessingException e) {
            if (causedBy(e, JsonProcessingException.class)) {
                Log.warnf("%s answered in an unexpected shape", name);
                throw badGateway(name + " answered in a shape that does not follow the service contract");
            }
            boolean timedOut = timedOut(e);
            Log.warnf("%s is not reachable: %s", name, timedOut ? "timeout" : "connection failed");
            throw ProblemException.unavailable(
                    name + (timedOut ? " did not answer in time" : " is unreachable"), RETRY_AFTER_SECONDS);
        }
        if (value == null) {
            throw badGateway(name + " answered with an empty body");
        }
        return value;
    }

    private static ProblemException badGateway(String detail) {
        return new ProblemException(502, "Bad Gateway", detail);
    }

    /**
     * Whether a transport failure was a timeout, judged by the exception types in its cause chain: the REST client's
     * request timeout (Vert.x reports it as a {@link TimeoutException}), a socket read timeout, or Netty's connect and
     * read timeouts. Anything else (refused, reset, closed) is a dependency that cannot be reached.
     */
    static boolean timedOut(Throwable e) {
        return causedBy(e, TimeoutException.class)
                || causedBy(e, SocketTimeoutException.class)
                || causedBy(e, ConnectTimeoutException.class)
                || causedBy(e, io.netty.handler.timeout.TimeoutException.class);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
