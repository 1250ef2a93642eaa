package org.compliancesuite.evidence.item;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

/**
 * Where evidence bytes live. Implementations stream: neither writing nor reading holds a whole file in memory. Writes
 * join the caller's transaction, so a refused upload leaves nothing behind. An S3-compatible store would implement
 * the same four operations.
 */
public interface ContentStore {

    /**
     * Stores the stream while computing its SHA-256.
     *
     * @throws org.compliancesuite.common.problem.ProblemException 413 as soon as more than {@code maxBytes} arrive
     */
    StoredContent write(InputStream content, long maxBytes);

    /** Copies the stored bytes to {@code out}; runs outside any transaction. */
    void copyTo(UUID contentId, OutputStream out);

    /** Recomputes the SHA-256 of the stored bytes (hex); missing chunks change it. */
    String recomputeSha256(UUID contentId);

    /** Removes the bytes; part of the caller's transaction. */
    void delete(UUID contentId);

    /** What was stored: where, how many bytes and their SHA-256 in hex. */
    record StoredContent(UUID contentId, long size, String sha256) {}
}
