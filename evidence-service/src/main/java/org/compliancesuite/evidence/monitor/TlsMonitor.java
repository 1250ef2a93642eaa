package org.compliancesuite.evidence.monitor;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Performs a real TLS handshake with each configured endpoint and records what was negotiated, then asks whether the
 * endpoint still accepts TLS 1.0 or 1.1 (which the JDK client never offers, see {@link LegacyProtocolProbe}). The
 * certificate chain is judged by the platform's PKIX validation with host name checking, but a bad chain does not stop
 * the handshake, so protocol, cipher and expiry are recorded for it too; expiry is that of the first certificate of
 * the chain to expire.
 */
@ApplicationScoped
public class TlsMonitor {

    // PCI DSS v4.0.1 4.2.1 and NIST SP 800-52r2: only strong protocols; TLS 1.0 and 1.1 are not acceptable.
    private static final Set<String> ACCEPTED_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    @ConfigProperty(name = "evidence.monitor.tls.endpoints")
    Optional<List<String>> endpoints;

    @ConfigProperty(name = "evidence.monitor.tls.expiry-warning-days", defaultValue = "30")
    int expiryWarningDays;

    @ConfigProperty(name = "evidence.monitor.tls.timeout", defaultValue = "PT5S")
    Duration timeout;

    @ConfigProperty(name = "evidence.monitor.tls.truststore")
    Optional<String> truststore;

    @ConfigProperty(name = "evidence.monitor.tls.truststore-password")
    Optional<String> truststorePassword;

    public List<String> endpoints() {
        return endpoints.orElse(List.of()).stream()
                .map(String::strip)
                .filter(e -> !e.isEmpty())
                .toList();
    }

    public MonitorResult evaluate(Instant now) {
        List<Map<String, Object>> checked = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        int failing = 0;
        int acceptingLegacy = 0;
        for (String endpoint : endpoints()) {
            List<Finding> problems = new ArrayList<>();
            Map<String, Object> result = probe(endpoint, now, problems);
            checked.add(result);
            if (!problems.isEmpty()) {
                failing++;
                problems.forEach(p -> findings.add(new Finding(p.code(), endpoint + ": " + p.message())));
            }
            if (result.get("acceptedLegacyProtocols") instanceof List<?> accepted && !accepted.isEmpty()) {
                acceptingLegacy++;
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("endpointsChecked", checked.size());
        figures.put("endpointsFailing", failing);
        figures.put("endpointsAcceptingLegacyProtocols", acceptingLegacy);
        figures.put("expiryWarningDays", expiryWarningDays);
        figures.put("endpoints", checked);
        return MonitorResult.of(Monitor.TLS, figures, findings);
    }

    /** One endpoint: the handshake, the legacy protocol probes, the chain. Problems are added to {@code problems}. */
    private Map<String, Object> probe(String endpoint, Instant now, List<Finding> problems) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("endpoint", endpoint);
        int colon = endpoint.lastIndexOf(':');
        String host = colon <= 0 ? "" : endpoint.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(endpoint.substring(colon + 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            port = -1;
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            problems.add(new Finding("tls-endpoint-invalid", "not a host:port"));
            result.put("problems", messages(problems));
            return result;
        }
        String serverName = serverName(host);

        RecordingTrustManager trust = new RecordingTrustManager(pkix());
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            try (Socket raw = new Socket()) {
                raw.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
                raw.setSoTimeout((int) timeout.toMillis());
                try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(raw, host, port, false)) {
                    SSLParameters parameters = socket.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    if (serverName != null) {
                        parameters.setServerNames(List.of(new SNIHostName(serverName)));
                    }
                    socket.setSSLParameters(parameters);
                    socket.startHandshake();
                    SSLSession session = socket.getSession();
                    result.put("protocol", session.getProtocol());
                    result.put("cipherSuite", session.getCipherSuite());
                    if (!ACCEPTED_PROTOCOLS.contains(session.getProtocol())) {
                        problems.add(new Finding(
                                "tls-protocol-below-1.2", "protocol " + session.getProtocol() + " is below TLS 1.2"));
                    }
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            Log.debugf("TLS handshake with %s failed: %s", endpoint, e.getMessage());
            problems.add(new Finding(
                    "tls-handshake-failed", "handshake failed: " + e.getClass().getSimpleName()));
        }

        // The JDK client above never offers TLS 1.0 or 1.1, so whether the server still accepts them is asked apart.
        Map<String, String> legacy = new LinkedHashMap<>();
        List<String> accepted = new ArrayList<>();
        for (LegacyProtocolProbe.Protocol protocol : LegacyProtocolProbe.Protocol.values()) {
            LegacyProtocolProbe.Outcome outcome = LegacyProtocolProbe.probe(host, port, serverName, protocol, timeout);
            legacy.put(protocol.jdkName, outcome.name().toLowerCase(Locale.ROOT));
            if (outcome == LegacyProtocolProbe.Outcome.ACCEPTED) {
                accepted.add(protocol.jdkName);
            }
        }
        result.put("legacyProtocols", legacy);
        result.put("acceptedLegacyProtocols", accepted);
        if (!accepted.isEmpty()) {
            problems.add(new Finding(
                    "tls-legacy-protocol-accepted", "accepts " + String.join(" and ", accepted) + ", below TLS 1.2"));
        }

        X509Certificate[] chain = trust.chain;
        if (chain != null && chain.length > 0) {
            // the chain is as strong as its first certificate to expire: an expired intermediate breaks it all the same
            X509Certificate first = Arrays.stream(chain)
                    .min(Comparator.comparing(X509Certificate::getNotAfter))
                    .orElseThrow();
            Instant notAfter = first.getNotAfter().toInstant();
            long daysToExpiry = Duration.between(now, notAfter).toDays();
            boolean expired = !notAfter.isAfter(now);
            result.put("subject", chain[0].getSubjectX500Principal().getName());
            result.put("notAfter", notAfter.toString());
            result.put("leafNotAfter", chain[0].getNotAfter().toInstant().toString());
            result.put("expiresFirst", first.getSubjectX500Principal().getName());
            result.put("daysToExpiry", daysToExpiry);
            result.put("expired", expired);
            result.put("chainLength", chain.length);
            result.put("chainValid", trust.failure == null);
            if (trust.failure != null) {
                problems.add(new Finding("tls-chain-invalid", "certificate chain not valid: " + trust.failure));
            }
            if (expired) {
                problems.add(new Finding(
                        "tls-certificate-expired",
                        "certificate " + first.getSubjectX500Principal().getName() + " expired on " + notAfter));
            } else if (daysToExpiry < expiryWarningDays) {
                problems.add(new Finding(
                        "tls-certificate-expiring",
                        "certificate " + first.getSubjectX500Principal().getName() + " expires in " + daysToExpiry
                                + " days (threshold " + expiryWarningDays + ")"));
            }
        }
        result.put("problems", messages(problems));
        return result;
    }

    private static List<String> messages(List<Finding> problems) {
        return problems.stream().map(Finding::message).toList();
    }

    /**
     * The SNI name (RFC 6066 3: a DNS host name, never an IP address) for a host, or null for an IP literal. A host
     * name may start with a digit ({@code 1password.com}), so only the literal forms are excluded.
     */
    static String serverName(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty() || name.indexOf(':') >= 0 || IPV4.matcher(name).matches()) {
            return null;
        }
        try {
            return new SNIHostName(name).getAsciiName();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private X509ExtendedTrustManager pkix() {
        try {
            KeyStore store = null;
            if (truststore.isPresent()) {
                store = KeyStore.getInstance("PKCS12");
                try (InputStream in = open(truststore.get())) {
                    store.load(in, truststorePassword.map(String::toCharArray).orElse(null));
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (var manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    return extended;
                }
            }
            throw new IllegalStateException("no X.509 trust manager available");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the TLS monitor truststore cannot be loaded", e);
        }
    }

    private static InputStream open(String location) throws IOException {
        Path path = Path.of(location);
        if (Files.isRegularFile(path)) {
            return Files.newInputStream(path);
        }
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(location);
        if (in == null) {
            throw new IOException("truststore not found");
        }
        return in;
    }

    /** Delegates to PKIX validation, records its verdict and the chain, and lets the handshake finish. */
    private static final class RecordingTrustManager extends X509ExtendedTrustManager {

        private final X509ExtendedTrustManager delegate;
        private X509Certificate[] chain;
        private String failure;

        RecordingTrustManager(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            this.chain = chain;
            try {
                delegate.checkServerTrusted(chain, authType, socket);
            } catch (CertificateException e) {
                failure = e.getMessage();
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            this.chain = chain;
            try {
                delegate.checkServerTrusted(chain, authType, engine);
            } catch (CertificateException e) {
                failure = e.getMessage();
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            this.chain = chain;
            try {
                ((X509TrustManager) delegate).checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                failure = e.getMessage();
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("client certificates are not checked by the monitor");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("client certificates are not checked by the monitor");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not checked by the monitor");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
