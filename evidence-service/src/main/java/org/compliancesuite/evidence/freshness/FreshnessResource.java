package org.compliancesuite.evidence.freshness;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.evidence.Page;
import org.compliancesuite.evidence.catalog.ControlCatalog;
import org.compliancesuite.evidence.item.EvidenceItem;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/freshness")
@Produces(MediaType.APPLICATION_JSON)
public class FreshnessResource {

    @Inject
    Caller caller;

    @Inject
    EntityManager em;

    @Inject
    ControlCatalog catalog;

    @GET
    @Path("/controls")
    @RolesAllowed({Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.GRC_ADMIN, Roles.SECURITY_OFFICER})
    @Operation(
            summary = "Freshness per control, from the summary kept on every write",
            description = "fresh=false lists the controls without fresh accepted evidence, including the catalog's"
                    + " controls that have no evidence at all (asks catalog-service; 503 when it cannot answer).",
            operationId = "controlFreshness")
    @APIResponse(responseCode = "200", description = "One row per control")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "503", description = "catalog-service unavailable (only with fresh=false)")
    public List<ControlFreshness> controls(@RestQuery Boolean fresh) {
        String tenant = caller.tenant();
        Instant now = Instant.now();

        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT control_id, evidence_frequency, latest_accepted_evidence_id,"
                        + " latest_accepted_collected_at, accepted_count, rejected_count, pending_count"
                        + " FROM control_summary WHERE tenant = ?1"
                        + " AND accepted_count + rejected_count + pending_count > 0 ORDER BY control_id")
                .setParameter(1, tenant)
                .getResultList();
        List<ControlFreshness> withEvidence = rows.stream()
                .map(r -> toFreshness(r, now))
                .filter(f -> fresh == null || f.fresh() == fresh)
                .toList();
        if (!Boolean.FALSE.equals(fresh)) {
            return withEvidence;
        }
        // a control with no evidence at all is the plainest case of a control without fresh accepted evidence
        Set<String> listed = new HashSet<>();
        rows.forEach(r -> listed.add((String) r[0]));
        List<ControlFreshness> all = new ArrayList<>(withEvidence);
        catalog.all(tenant).stream()
                .filter(c -> !listed.contains(c.id()))
                .map(c -> new ControlFreshness(c.id(), c.evidenceFrequency(), null, null, null, false, 0, 0, 0))
                .forEach(all::add);
        all.sort(Comparator.comparing(ControlFreshness::controlId));
        return all;
    }

    @GET
    @Path("/stale")
    @RolesAllowed({Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.GRC_ADMIN, Roles.SECURITY_OFFICER})
    @Operation(summary = "Evidence past its freshness, most overdue first", operationId = "staleEvidence")
    @APIResponse(responseCode = "200", description = "One page of stale evidence")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "422", description = "Invalid paging")
    public Page<StaleEvidence> stale(
            @RestQuery("page") @Min(0) Integer page, @RestQuery("size") @Min(1) @Max(500) Integer size) {
        String tenant = caller.tenant();
        Instant now = Instant.now();
        return page(
                "tenant = ?1 and deletedAt is null and state <> 'rejected' and freshUntil <= ?2",
                page,
                size,
                tenant,
                now);
    }

    @GET
    @Path("/expiring")
    @RolesAllowed({Roles.COMPLIANCE_MANAGER, Roles.AUDITOR, Roles.GRC_ADMIN, Roles.SECURITY_OFFICER})
    @Operation(
            summary = "Evidence still fresh that stops being fresh within the next N days",
            operationId = "expiringEvidence")
    @APIResponse(responseCode = "200", description = "One page, soonest first")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "422", description = "Invalid days or paging")
    public Page<StaleEvidence> expiring(
            @RestQuery("days") @Min(1) @Max(3660) Integer days,
            @RestQuery("page") @Min(0) Integer page,
            @RestQuery("size") @Min(1) @Max(500) Integer size) {
        String tenant = caller.tenant();
        Instant now = Instant.now();
        Instant until = now.plus(Duration.ofDays(days == null ? 30 : days));
        return page(
                "tenant = ?1 and deletedAt is null and state <> 'rejected' and freshUntil > ?2 and freshUntil <= ?3",
                page,
                size,
                tenant,
                now,
                until);
    }

    private Page<StaleEvidence> page(String where, Integer page, Integer size, Object... params) {
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        var query = EvidenceItem.<EvidenceItem>find(
                        where, Sort.ascending("freshUntil").and("id"), params)
                .page(p, s);
        List<StaleEvidence> items = query.list().stream()
                .map(e -> new StaleEvidence(
                        e.id.toString(), e.title, List.copyOf(e.controlIds), e.collectedAt, e.freshUntil))
                .toList();
        return new Page<>(items, p, s, query.count());
    }

    private static ControlFreshness toFreshness(Object[] r, Instant now) {
        Frequency frequency = Frequency.of((String) r[1]);
        Instant latest = instant(r[3]);
        Instant freshUntil = latest == null ? null : frequency.freshUntil(latest);
        return new ControlFreshness(
                (String) r[0],
                frequency.value(),
                r[2] == null ? null : ((UUID) r[2]).toString(),
                latest,
                freshUntil,
                freshUntil != null && freshUntil.isAfter(now),
                ((Number) r[4]).longValue(),
                ((Number) r[5]).longValue(),
                ((Number) r[6]).longValue());
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp type");
        };
    }
}
