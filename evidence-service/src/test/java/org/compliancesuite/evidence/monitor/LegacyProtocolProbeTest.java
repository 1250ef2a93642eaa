package org.compliancesuite.evidence.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.compliancesuite.evidence.LegacyTlsServer;
import org.compliancesuite.evidence.TestCertificates;
import org.junit.jupiter.api.Test;

class LegacyProtocolProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void aServerAnsweringALegacyServerHelloAcceptsThatProtocol() throws Exception {
        try (LegacyTlsServer server = new LegacyTlsServer(Set.of(0x0301))) {
            assertEquals(
                    LegacyProtocolProbe.Outcome.ACCEPTED,
                    LegacyProtocolProbe.probe(
                            "localhost", server.port(), "localhost", LegacyProtocolProbe.Protocol.TLS_1_0, TIMEOUT));
            assertEquals(
                    LegacyProtocolProbe.Outcome.REFUSED,
                    LegacyProtocolProbe.probe(
                            "localhost", server.port(), "localhost", LegacyProtocolProbe.Protocol.TLS_1_1, TIMEOUT));
            assertEquals(List.of("localhost", "localhost"), server.serverNames, "the hello carries SNI");
        }
        try (LegacyTlsServer server = new LegacyTlsServer(Set.of(0x0302))) {
            assertEquals(
                    LegacyProtocolProbe.Outcome.ACCEPTED,
                    LegacyProtocolProbe.probe(
                            "127.0.0.1", server.port(), null, LegacyProtocolProbe.Protocol.TLS_1_1, TIMEOUT));
            assertEquals(List.of(), server.serverNames, "no SNI for an IP literal");
        }
    }

    @Test
    void aJdkTlsServerRefusesTls10And11() throws Exception {
        TestCertificates.Issued key = TestCertificates.selfSigned(
                "localhost",
                Instant.now().minus(1, ChronoUnit.DAYS),
                Instant.now().plus(1, ChronoUnit.DAYS),
                false);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(
                "endpoint", key.keys().getPrivate(), "changeit".toCharArray(), new Certificate[] {key.certificate()});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        try (SSLServerSocket server = (SSLServerSocket)
                context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (SSLSocket socket = (SSLSocket) server.accept()) {
                        socket.startHandshake();
                    } catch (IOException e) {
                        // the probe never completes a handshake
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            for (LegacyProtocolProbe.Protocol protocol : LegacyProtocolProbe.Protocol.values()) {
                assertEquals(
                        LegacyProtocolProbe.Outcome.REFUSED,
                        LegacyProtocolProbe.probe("localhost", server.getLocalPort(), "localhost", protocol, TIMEOUT),
                        protocol.jdkName);
            }
        }
    }

    @Test
    void nothingListeningIsUnreachableNotRefused() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        assertEquals(
                LegacyProtocolProbe.Outcome.UNREACHABLE,
                LegacyProtocolProbe.probe(
                        "localhost", port, "localhost", LegacyProtocolProbe.Protocol.TLS_1_0, TIMEOUT));
    }

    @Test
    void everyHostNameButAnIpLiteralGetsSni() {
        assertEquals("1password.example", TlsMonitor.serverName("1password.example"));
        assertEquals("localhost", TlsMonitor.serverName("localhost"));
        assertEquals("example.org", TlsMonitor.serverName("example.org."));
        assertEquals("3com.example", TlsMonitor.serverName("3com.example"));
        assertNull(TlsMonitor.serverName("127.0.0.1"));
        assertNull(TlsMonitor.serverName("::1"));
        assertNull(TlsMonitor.serverName("2001:db8::7"));
    }
}
