package org.compliancesuite.evidence.freshness;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;
import org.compliancesuite.evidence.item.EvidenceState;
import org.hibernate.Session;

/**
 * Keeps the per-tenant, per-control summary that freshness reads. Every method runs in the transaction of the write
 * it reflects, so the summary never disagrees with the evidence; reading it costs one row per control.
 */
@ApplicationScoped
public class ControlSummaries {

    @Inject
    EntityManager em;

    /** Adds {@code delta} to the count of {@code state} for the control, creating its row when needed. */
    public void count(String tenant, String controlId, Frequency frequency, EvidenceState state, int delta) {
        String column = switch (state) {
            case SUBMITTED -> "pending_count";
            case ACCEPTED -> "accepted_count";
            case REJECTED -> "rejected_count";
        };
        update(
                "INSERT INTO control_summary (tenant, control_id, evidence_frequency, " + column + ", updated_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant, control_id) DO UPDATE SET"
                        + " evidence_frequency = excluded.evidence_frequency, " + column + " = control_summary."
                        + column + " + excluded." + column + ", updated_at = excluded.updated_at",
                tenant,
                controlId,
                frequency.value(),
                delta,
                Timestamp.from(Instant.now()));
    }

    /** Makes the accepted evidence the control's latest when it was collected later than the current latest. */
    public void offerLatestAccepted(String tenant, String controlId, UUID evidenceId, Instant collectedAt) {
        update(
                "UPDATE control_summary SET latest_accepted_evidence_id = ?, latest_accepted_collected_at = ?"
                        + " WHERE tenant = ? AND control_id = ? AND (latest_accepted_collected_at IS NULL"
                        + " OR latest_accepted_collected_at < ?)",
                evidenceId,
                Timestamp.from(collectedAt),
                tenant,
                controlId,
                Timestamp.from(collectedAt));
    }

    /**
     * After an evidence item left the control (unlinked or deleted) and it was the latest accepted one, finds the next
     * latest among the control's remaining accepted evidence. Touches the control's evidence only, never all evidence.
     */
    public void forgetLatestAccepted(String tenant, String controlId, UUID evidenceId) {
        update(
                "UPDATE control_summary s SET (latest_accepted_evidence_id, latest_accepted_collected_at) = ("
                        + " SELECT e.id, e.collected_at FROM evidence e JOIN evidence_control c ON c.evidence_id = e.id"
                        + " WHERE c.control_id = s.control_id AND e.tenant = s.tenant AND e.state = 'accepted'"
                        + " AND e.deleted_at IS NULL AND e.id <> ? ORDER BY e.collected_at DESC, e.id LIMIT 1)"
                        + " WHERE s.tenant = ? AND s.control_id = ? AND s.latest_accepted_evidence_id = ?",
                evidenceId,
                tenant,
                controlId,
                evidenceId);
    }

    /** The evidence frequency recorded for a control that has evidence. */
    public Frequency frequencyOf(String tenant, String controlId) {
        String stored = (String) em.createNativeQuery(
                        "SELECT evidence_frequency FROM control_summary WHERE tenant = ?1 AND control_id = ?2",
                        String.class)
                .setParameter(1, tenant)
                .setParameter(2, controlId)
                .getSingleResult();
        return Frequency.of(stored);
    }

    private void update(String sql, Object... parameters) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    Object value = parameters[i];
                    if (value instanceof UUID) {
                        statement.setObject(i + 1, value, Types.OTHER);
                    } else {
                        statement.setObject(i + 1, value);
                    }
                }
                statement.executeUpdate();
            }
        });
    }
}
