package org.compliancesuite.common.chain;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reserves the next position of a per-tenant chain. The head row of the tenant is locked with {@code SELECT ... FOR
 * UPDATE} in the caller's transaction, so concurrent requests and several replicas on one database append one after
 * the other: no fork, no gap, no sequence number used twice. The caller inserts its entries with the positions it was
 * given and calls {@link #advance} before committing; a rollback releases the positions.
 *
 * <p>The head table has the columns {@code tenant text primary key, sequence bigint, head_hash text}.
 */
public final class ChainHead {

    private static final Pattern TABLE = Pattern.compile("[a-z_]+");

    private final EntityManager em;
    private final String table;
    private final String tenant;
    private long sequence;
    private String hash;

    private ChainHead(EntityManager em, String table, String tenant, long sequence, String hash) {
        this.em = em;
        this.table = table;
        this.tenant = tenant;
        this.sequence = sequence;
        this.hash = hash;
    }

    /** Locks and reads the head of the tenant's chain; must run inside a transaction. */
    public static ChainHead lock(EntityManager em, String table, String tenant) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("invalid head table name");
        }
        em.createNativeQuery("INSERT INTO " + table + " (tenant, sequence, head_hash) VALUES (?1, 0, ?2)"
                        + " ON CONFLICT (tenant) DO NOTHING")
                .setParameter(1, tenant)
                .setParameter(2, HashChain.GENESIS)
                .executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT sequence, head_hash FROM " + table + " WHERE tenant = ?1 FOR UPDATE")
                .setParameter(1, tenant)
                .getResultList();
        Object[] row = rows.getFirst();
        return new ChainHead(em, table, tenant, ((Number) row[0]).longValue(), (String) row[1]);
    }

    /** The position of the next entry (the first entry of a chain is 1). */
    public long nextSequence() {
        return sequence + 1;
    }

    public String headHash() {
        return hash;
    }

    public long sequence() {
        return sequence;
    }

    /** Appends one entry to the head in memory and returns its hash; {@link #advance()} persists the new head. */
    public Link append(String canonicalEntry) {
        long next = sequence + 1;
        String previous = hash;
        String linked = HashChain.link(previous, next, canonicalEntry);
        sequence = next;
        hash = linked;
        return new Link(next, previous, linked);
    }

    /** Writes the new head; call once after the entries are inserted, in the same transaction. */
    public void advance() {
        em.createNativeQuery("UPDATE " + table + " SET sequence = ?1, head_hash = ?2 WHERE tenant = ?3")
                .setParameter(1, sequence)
                .setParameter(2, hash)
                .setParameter(3, tenant)
                .executeUpdate();
    }

    /** The position, previous hash and hash of one appended entry. */
    public record Link(long sequence, String previousHash, String hash) {}
}
