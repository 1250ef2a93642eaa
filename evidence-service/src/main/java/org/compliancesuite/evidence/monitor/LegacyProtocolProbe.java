package org.compliancesuite.evidence.monitor;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * Asks a server whether it still accepts TLS 1.0 or TLS 1.1. The JDK's own TLS client refuses both protocols, so a
 * handshake through it cannot show that a server would accept them: this probe sends a hand-built ClientHello of the
 * old version over a plain socket and reads only the server's first answer. A ServerHello of that version means the
 * server accepts it; an alert, a closed connection or any other version means it refuses. No key exchange follows, so
 * nothing is negotiated or sent beyond the hello.
 */
final class LegacyProtocolProbe {

    /** A legacy protocol by its JDK name and its wire version (RFC 2246, RFC 4346). */
    enum Protocol {
        TLS_1_0("TLSv1", 0x0301),
        TLS_1_1("TLSv1.1", 0x0302);

        final String jdkName;
        final int wireVersion;

        Protocol(String jdkName, int wireVersion) {
            this.jdkName = jdkName;
            this.wireVersion = wireVersion;
        }
    }

    enum Outcome {
        ACCEPTED,
        REFUSED,
        /** No connection or no answer in time: nothing can be said either way. */
        UNREACHABLE
    }

    private static final int HANDSHAKE = 0x16;
    private static final int ALERT = 0x15;
    private static final int CLIENT_HELLO = 1;
    private static final int SERVER_HELLO = 2;

    /** Suites TLS 1.0/1.1 servers commonly still offer, and the renegotiation SCSV (RFC 5746). */
    private static final int[] CIPHER_SUITES = {
        0xC014, // TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA
        0xC013, // TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
        0xC00A, // TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA
        0xC009, // TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA
        0x0039, // TLS_DHE_RSA_WITH_AES_256_CBC_SHA
        0x0033, // TLS_DHE_RSA_WITH_AES_128_CBC_SHA
        0x0035, // TLS_RSA_WITH_AES_256_CBC_SHA
        0x002F, // TLS_RSA_WITH_AES_128_CBC_SHA
        0x000A, // TLS_RSA_WITH_3DES_EDE_CBC_SHA
        0x0005, // TLS_RSA_WITH_RC4_128_SHA
        0x00FF // TLS_EMPTY_RENEGOTIATION_INFO_SCSV
    };

    private static final SecureRandom RANDOM = new SecureRandom();

    private LegacyProtocolProbe() {}

    /**
     * @param serverName the host name for SNI (RFC 6066), or null for an IP literal
     */
    static Outcome probe(String host, int port, String serverName, Protocol protocol, Duration timeout) {
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            } catch (IOException e) {
                return Outcome.UNREACHABLE;
            }
            try {
                socket.setSoTimeout((int) timeout.toMillis());
                OutputStream out = socket.getOutputStream();
                out.write(clientHello(protocol, serverName));
                out.flush();
                return answer(socket.getInputStream(), protocol);
            } catch (SocketTimeoutException e) {
                return Outcome.UNREACHABLE;
            } catch (IOException e) {
                // a connection reset in answer to the hello is how some servers refuse an old protocol
                return Outcome.REFUSED;
            }
        } catch (IOException e) {
            return Outcome.UNREACHABLE;
        }
    }

    /** The first record of the answer: a ServerHello of the offered version, or a refusal. */
    static Outcome answer(InputStream in, Protocol protocol) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int type;
        try {
            type = data.readUnsignedByte();
        } catch (EOFException e) {
            return Outcome.REFUSED;
        }
        if (type == ALERT) {
            return Outcome.REFUSED;
        }
        if (type != HANDSHAKE) {
            return Outcome.REFUSED;
        }
        try {
            data.readUnsignedShort(); // record version: not the negotiated one
            int length = data.readUnsignedShort();
            if (length < 6) {
                return Outcome.REFUSED;
            }
            int handshakeType = data.readUnsignedByte();
            data.skipNBytes(3); // handshake length
            int serverVersion = data.readUnsignedShort();
            return handshakeType == SERVER_HELLO && serverVersion == protocol.wireVersion
                    ? Outcome.ACCEPTED
                    : Outcome.REFUSED;
        } catch (EOFException e) {
            return Outcome.REFUSED;
        }
    }

    /** A ClientHello record of the protocol's version with the legacy suites, no compression, SNI and EC groups. */
    static byte[] clientHello(Protocol protocol, String serverName) {
        ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        if (serverName != null) {
            byte[] name = serverName.getBytes(StandardCharsets.US_ASCII);
            // server_name (0): list length, type host_name (0), name length, name
            short16(extensions, 0x0000);
            short16(extensions, name.length + 5);
            short16(extensions, name.length + 3);
            extensions.write(0);
            short16(extensions, name.length);
            extensions.writeBytes(name);
        }
        // supported_groups (10): secp256r1, secp384r1, x25519, so that the ECDHE suites can be chosen
        short16(extensions, 0x000A);
        short16(extensions, 8);
        short16(extensions, 6);
        short16(extensions, 23);
        short16(extensions, 24);
        short16(extensions, 29);
        // ec_point_formats (11): uncompressed
        short16(extensions, 0x000B);
        short16(extensions, 2);
        extensions.write(1);
        extensions.write(0);

        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        short16(hello, protocol.wireVersion);
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        hello.writeBytes(random);
        hello.write(0); // no session id
        short16(hello, CIPHER_SUITES.length * 2);
        for (int suite : CIPHER_SUITES) {
            short16(hello, suite);
        }
        hello.write(1);
        hello.write(0); // compression: null only
        short16(hello, extensions.size());
        hello.writeBytes(extensions.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(HANDSHAKE);
        short16(record, 0x0301); // record version of a first hello, as clients of that time sent it
        short16(record, hello.size() + 4);
        record.write(CLIENT_HELLO);
        record.write((hello.size() >> 16) & 0xff);
        short16(record, hello.size() & 0xffff);
        record.writeBytes(hello.toByteArray());
        return record.toByteArray();
    }

    private static void short16(ByteArrayOutputStream out, int value) {
        out.write((value >> 8) & 0xff);
        out.write(value & 0xff);
    }
}
