package org.compliancesuite.evidence.item;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

/**
 * Where evidence bytes live. Implementations stream: neither writing nor reading holds a whole file in memory. Writes
 * join the caller's transaction, so a refused upload leaves nothing behind. An S3-compatible store would implement
 * the same four operations; nothing outside the store reads its tables.
 */
public interface ContentStore {

    /**
     * Stores the stream while computing its SHA-256.
     *
     * @throws org.compliancesuite.common.problem.ProblemException 413 as soon as more than {@code maxBytes} arrive
     */
    StoredContent write(InputStream content, long maxBytes);

    /**
     * Copies the {@code size} stored bytes to {@code out}; runs outside any transaction.
     *
     * @throws IncompleteContentException when fewer or more than {@code size} bytes are stored, possibly after part of
     *     the content was written
     */
    void copyTo(UUID contentId, long size, OutputStream out);

    /**
     * Streams the stored bytes through SHA-256, for verification; runs outside any transaction.
     *
     * @throws IncompleteContentException when a part of the content is missing
     */
    Digest digest(UUID contentId);

    /** Removes the bytes; part of the caller's transaction. */
    void delete(UUID contentId);

    /** What was stored: where, how many bytes and their SHA-256 in hex. */
    record StoredContent(UUID contentId, long size, String sha256) {}

    /** What is stored now: how many bytes and their SHA-256 in hex. */
    record Digest(long size, String sha256) {}

    /** The store holds less (or more) than the content it was given: a part was lost or changed behind its back. */
    final class IncompleteContentException extends RuntimeException {
        public IncompleteContentException(String message) {
            super(message, null, false, false);
        }
    }
}
