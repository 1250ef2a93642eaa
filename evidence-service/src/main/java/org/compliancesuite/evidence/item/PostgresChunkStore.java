package org.compliancesuite.evidence.item;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.UUID;
import org.compliancesuite.common.chain.HashChain;
import org.compliancesuite.common.problem.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Content in PostgreSQL as numbered chunks of {@code evidence.content.chunk-size} bytes. Each chunk is sent as soon
 * as it is read, so memory holds one chunk whatever the file size.
 */
@ApplicationScoped
public class PostgresChunkStore implements ContentStore {

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    private static final String COPY_CHUNKS =
            "COPY content_chunk (content_id, chunk_no, data) FROM STDIN (FORMAT binary)";
    /** Signature, flags and header extension length of the binary COPY format. */
    private static final byte[] COPY_HEADER = {
        'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
    };

    private static final byte[] COPY_TRAILER = {(byte) 0xFF, (byte) 0xFF};
    private static final int ROW_HEADER_LENGTH = 2 + 4 + 16 + 4 + 4 + 4;

    @ConfigProperty(name = "evidence.content.chunk-size", defaultValue = "1048576")
    int chunkSize;

    /**
     * Streams the chunks with one binary {@code COPY}: PostgreSQL stores each chunk while the next one is read and
     * hashed, without a round trip per chunk.
     */
    @Override
    public StoredContent write(InputStream content, long maxBytes) {
        UUID contentId = UUID.randomUUID();
        MessageDigest digest = HashChain.sha256();
        long[] size = {0};
        em.unwrap(Session.class).doWork(connection -> {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_CHUNKS);
            try {
                copy.writeToCopy(COPY_HEADER, 0, COPY_HEADER.length);
                byte[] buffer = new byte[chunkSize];
                byte[] rowHeader = new byte[ROW_HEADER_LENGTH];
                int chunkNo = 0;
                int filled;
                while ((filled = fill(content, buffer)) > 0) {
                    size[0] += filled;
                    if (size[0] > maxBytes) {
                        throw new ProblemException(
                                413, "Content Too Large", "the content exceeds the limit of " + maxBytes + " bytes");
                    }
                    digest.update(buffer, 0, filled);
                    rowHeader(rowHeader, contentId, chunkNo++, filled);
                    copy.writeToCopy(rowHeader, 0, rowHeader.length);
                    copy.writeToCopy(buffer, 0, filled);
                }
                copy.writeToCopy(COPY_TRAILER, 0, COPY_TRAILER.length);
                copy.endCopy();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        });
        return new StoredContent(contentId, size[0], HexFormat.of().formatHex(digest.digest()));
    }

    /** One tuple of PostgreSQL's binary COPY format: field count, then length and bytes of uuid, int4 and bytea. */
    private static void rowHeader(byte[] header, UUID contentId, int chunkNo, int dataLength) {
        ByteBuffer row = ByteBuffer.wrap(header);
        row.putShort((short) 3);
        row.putInt(16).putLong(contentId.getMostSignificantBits()).putLong(contentId.getLeastSignificantBits());
        row.putInt(4).putInt(chunkNo);
        row.putInt(dataLength);
    }

    @Override
    public void copyTo(UUID contentId, long size, OutputStream out) {
        long copied = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT data FROM content_chunk WHERE content_id = ? AND chunk_no = ?")) {
            for (int chunkNo = 0; copied < size; chunkNo++) {
                byte[] data = chunk(select, contentId, chunkNo);
                if (data == null) {
                    throw new IncompleteContentException(
                            "chunk " + chunkNo + " is missing after " + copied + " of " + size + " bytes");
                }
                if (copied + data.length > size) {
                    throw new IncompleteContentException("more bytes are stored than the " + size + " recorded");
                }
                out.write(data);
                copied += data.length;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("content could not be read", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One query streams every chunk in order (a cursor, so one chunk is in memory at a time); a gap in the chunk
     * numbers, or a chunk shorter than the first while another follows it, is a part that was removed or cut.
     */
    @Override
    public Digest digest(UUID contentId) {
        MessageDigest digest = HashChain.sha256();
        long size = 0;
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT chunk_no, data FROM content_chunk WHERE content_id = ? ORDER BY chunk_no")) {
                select.setFetchSize(1);
                select.setObject(1, contentId);
                try (ResultSet rs = select.executeQuery()) {
                    int expected = 0;
                    int firstLength = -1;
                    int previousLength = -1;
                    while (rs.next()) {
                        int chunkNo = rs.getInt(1);
                        if (chunkNo != expected) {
                            throw new IncompleteContentException("chunk " + expected + " is missing");
                        }
                        if (previousLength >= 0 && previousLength != firstLength) {
                            throw new IncompleteContentException(
                                    "chunk " + (expected - 1) + " is shorter than the others");
                        }
                        byte[] data = rs.getBytes(2);
                        if (firstLength < 0) {
                            firstLength = data.length;
                        }
                        digest.update(data);
                        size += data.length;
                        previousLength = data.length;
                        expected++;
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("content could not be read", e);
        }
        return new Digest(size, HexFormat.of().formatHex(digest.digest()));
    }

    @Override
    public void delete(UUID contentId) {
        em.createNativeQuery("DELETE FROM content_chunk WHERE content_id = ?1")
                .setParameter(1, contentId)
                .executeUpdate();
    }

    private static byte[] chunk(PreparedStatement select, UUID contentId, int chunkNo) throws SQLException {
        select.setObject(1, contentId);
        select.setInt(2, chunkNo);
        try (ResultSet rs = select.executeQuery()) {
            return rs.next() ? rs.getBytes(1) : null;
        }
    }

    /** Reads until the buffer is full or the stream ends; returns how many bytes were read. */
    private static int fill(InputStream in, byte[] buffer) throws IOException {
        int total = 0;
        while (total < buffer.length) {
            int read = in.read(buffer, total, buffer.length - total);
            if (read < 0) {
                break;
            }
            total += read;
        }
        return total;
    }
}
