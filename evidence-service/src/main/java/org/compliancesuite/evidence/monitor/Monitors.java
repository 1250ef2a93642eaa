package org.compliancesuite.evidence.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.compliancesuite.evidence.Actor;
import org.compliancesuite.evidence.item.EvidenceMetadata;
import org.compliancesuite.evidence.item.EvidenceService;
import org.compliancesuite.evidence.item.EvidenceSource;
import org.eclipse.microprofile.config.ConfigProvider;

/** Stores each monitor run as evidence linked to the monitor's controls, and answers the latest run per monitor. */
@ApplicationScoped
public class Monitors {

    @Inject
    EvidenceService evidence;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** The common controls a monitor's evidence supports ({@code evidence.monitor.<name>.controls}). */
    public List<String> controlsOf(Monitor monitor) {
        return ConfigProvider.getConfig().getValues("evidence.monitor." + monitor.value() + ".controls", String.class);
    }

    /**
     * Stores the run and its evidence in one transaction. The controls are checked against catalog-service first, so
     * an unknown control (422) or an unavailable catalog (503) stores nothing.
     */
    public MonitorRun record(Actor actor, MonitorResult result, String triggeredBy) {
        Instant ranAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        EvidenceMetadata metadata = new EvidenceMetadata(
                "Monitor " + result.monitor().value() + " run: " + (result.passed() ? "passed" : "failed"),
                "Collected by the " + result.monitor().value() + " monitor of evidence-service",
                controlsOf(result.monitor()),
                List.of(),
                ranAt,
                null,
                null);
        EvidenceService.Validated validated = evidence.validate(actor, metadata);

        Map<String, Object> content = new LinkedHashMap<>();
        content.put("monitor", result.monitor().value());
        content.put("ranAt", ranAt.toString());
        content.put("passed", result.passed());
        content.put("figures", result.figures());
        content.put("findings", result.findings());
        MonitorRun run = QuarkusTransaction.joiningExisting().call(() -> {
            EvidenceService.Created created =
                    evidence.createRecord(actor, validated, content, EvidenceSource.MONITOR, null);
            return persist(actor.tenant(), result, ranAt, created.item().id, triggeredBy);
        });
        Log.infof(
                "monitor %s of tenant %s %s with %d findings",
                result.monitor().value(),
                actor.tenant(),
                result.passed() ? "passed" : "failed",
                result.findings().size());
        return run;
    }

    /** A run that could not measure (no service token, catalog down): failed, with the reason, without evidence. */
    public MonitorRun recordFailure(String tenant, Monitor monitor, Finding reason, String triggeredBy) {
        MonitorResult result = new MonitorResult(monitor, false, Map.of(), List.of(reason));
        return QuarkusTransaction.requiringNew()
                .call(() -> persist(tenant, result, Instant.now().truncatedTo(ChronoUnit.MICROS), null, triggeredBy));
    }

    /** The newest run of each monitor of the tenant. */
    public List<MonitorRunView> latest(String tenant) {
        return MonitorRun.<MonitorRun>find(
                        "from MonitorRun m where m.tenant = ?1 and m.ranAt = (select max(r.ranAt) from MonitorRun r"
                                + " where r.tenant = m.tenant and r.monitor = m.monitor) order by m.monitor",
                        tenant)
                .stream()
                .map(this::view)
                .toList();
    }

    public MonitorRunView view(MonitorRun run) {
        try {
            Map<String, Object> figures =
                    json.readValue(run.figures, new TypeReference<LinkedHashMap<String, Object>>() {});
            List<Finding> findings = json.readValue(run.findings, new TypeReference<List<Finding>>() {});
            return new MonitorRunView(
                    run.monitor,
                    run.id.toString(),
                    run.evidenceId == null ? null : run.evidenceId.toString(),
                    run.ranAt,
                    run.passed,
                    figures,
                    findings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored monitor run is not JSON", e);
        }
    }

    private MonitorRun persist(
            String tenant, MonitorResult result, Instant ranAt, UUID evidenceId, String triggeredBy) {
        MonitorRun run = new MonitorRun();
        run.id = UUID.randomUUID();
        run.tenant = tenant;
        run.monitor = result.monitor().value();
        run.ranAt = ranAt;
        run.passed = result.passed();
        try {
            run.figures = json.writeValueAsString(result.figures());
            run.findings = json.writeValueAsString(result.findings());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("monitor figures are not serialisable", e);
        }
        run.evidenceId = evidenceId;
        run.triggeredBy = triggeredBy;
        run.persist();
        return run;
    }
}
