package org.compliancesuite.evidence;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake server that answers a ClientHello of an accepted legacy version with a canned ServerHello of that version,
 * like a server that still accepts TLS 1.0 or 1.1, and any other hello (the JDK's TLS 1.2/1.3 one included) with a
 * protocol_version alert. It only answers the first message: no handshake ever completes.
 */
public final class LegacyTlsServer implements Closeable {

    private final ServerSocket server;
    private final Set<Integer> accepted;

    /** The SNI host names the server received, oldest first. */
    public final List<String> serverNames = new CopyOnWriteArrayList<>();

    /** @param accepted the wire versions answered with a ServerHello, e.g. 0x0301 for TLS 1.0 */
    public LegacyTlsServer(Set<Integer> accepted) throws IOException {
        this.accepted = accepted;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::serve, "legacy-tls-stub");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(5000);
                DataInputStream in = new DataInputStream(socket.getInputStream());
                int type = in.readUnsignedByte();
                in.readUnsignedShort();
                byte[] body = new byte[in.readUnsignedShort()];
                in.readFully(body);
                OutputStream out = socket.getOutputStream();
                int version = type == 0x16 && body.length > 6 && body[0] == 1
                        ? ((body[4] & 0xff) << 8) | (body[5] & 0xff)
                        : -1;
                serverName(body).ifPresent(serverNames::add);
                out.write(accepted.contains(version) ? serverHello(version) : ALERT);
                out.flush();
            } catch (IOException e) {
                // a client that went away, or the server closing
            }
        }
    }

    /** A ServerHello of the version choosing TLS_RSA_WITH_AES_128_CBC_SHA, without extensions. */
    static byte[] serverHello(int version) {
        ByteBuffer record = ByteBuffer.allocate(5 + 4 + 38);
        record.put((byte) 0x16).putShort((short) version).putShort((short) 42);
        record.put((byte) 2).put((byte) 0).putShort((short) 38);
        record.putShort((short) version);
        record.put(new byte[32]);
        record.put((byte) 0);
        record.putShort((short) 0x002f);
        record.put((byte) 0);
        return record.array();
    }

    /** Fatal protocol_version alert (RFC 5246 7.2). */
    private static final byte[] ALERT = {0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46};

    /** The host_name of the server_name extension of a ClientHello handshake body. */
    static Optional<String> serverName(byte[] hello) {
        try {
            ByteBuffer b = ByteBuffer.wrap(hello);
            b.position(4 + 2 + 32);
            b.position(b.position() + 1 + (b.get(b.position()) & 0xff));
            b.position(b.position() + 2 + (b.getShort(b.position()) & 0xffff));
            b.position(b.position() + 1 + (b.get(b.position()) & 0xff));
            int end = b.position() + 2 + (b.getShort() & 0xffff);
            while (b.position() + 4 <= end) {
                int type = b.getShort() & 0xffff;
                int length = b.getShort() & 0xffff;
                if (type == 0) {
                    b.getShort();
                    b.get();
                    byte[] name = new byte[b.getShort() & 0xffff];
                    b.get(name);
                    return Optional.of(new String(name, StandardCharsets.US_ASCII));
                }
                b.position(b.position() + length);
            }
        } catch (RuntimeException e) {
            // not a ClientHello this parser understands
        }
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
