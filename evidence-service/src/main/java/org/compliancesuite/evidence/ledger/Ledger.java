package org.compliancesuite.evidence.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.Types;
import org.compliancesuite.common.chain.ChainHead;
import org.hibernate.Session;

/**
 * Appends evidence events to the tenant's hash chain. Every write transaction locks the head first, before touching
 * evidence or summaries, so writes of one tenant queue in a single order across threads and replicas: no fork, no
 * gap, no deadlock.
 */
@ApplicationScoped
public class Ledger {

    static final String HEAD_TABLE = "ledger_head";

    @Inject
    EntityManager em;

    /** Locks the tenant's chain head until the transaction ends. */
    public ChainHead lock(String tenant) {
        return ChainHead.lock(em, HEAD_TABLE, tenant);
    }

    /** Chains the events after the locked head and moves the head; part of the caller's transaction. */
    public void append(ChainHead head, LedgerEvent... events) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ledger_entry (tenant, sequence,"
                    + " event, evidence_id, content_sha256, actor, occurred_at, details, previous_hash, hash)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (LedgerEvent event : events) {
                    ChainHead.Link link = head.append(event.canonical());
                    insert.setString(1, event.tenant());
                    insert.setLong(2, link.sequence());
                    insert.setString(3, event.event());
                    insert.setObject(4, event.evidenceId(), Types.OTHER);
                    insert.setString(5, event.contentSha256());
                    insert.setString(6, event.actor());
                    insert.setString(7, event.occurredAt());
                    insert.setString(8, event.details());
                    insert.setString(9, link.previousHash());
                    insert.setString(10, link.hash());
                    insert.executeUpdate();
                }
            }
        });
        head.advance();
    }
}
