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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Performs a real TLS handshake with each configured endpoint and records what was negotiated. The certificate chain
 * is judged by the platform's PKIX validation with host name checking, but a bad chain does not stop the handshake,
 * so protocol, cipher and expiry are recorded for it too.
 */
@ApplicationScoped
public class TlsMonitor {

    // PCI DSS v4.0.1 4.2.1 and NIST SP 800-52r2: only strong protocols; TLS 1.0 and 1.1 are not acceptable.
    private static final Set<String> ACCEPTED_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

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
        for (String endpoint : endpoints()) {
            Map<String, Object> result = probe(endpoint, now);
            checked.add(result);
            @SuppressWarnings("unchecked")
            List<String> problems = (List<String>) result.get("problems");
            if (!problems.isEmpty()) {
                failing++;
                problems.forEach(p -> findings.add(new Finding("tls-endpoint", endpoint + ": " + p)));
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("endpointsChecked", checked.size());
        figures.put("endpointsFailing", failing);
        figures.put("expiryWarningDays", expiryWarningDays);
        figures.put("endpoints", checked);
        return MonitorResult.of(Monitor.TLS, figures, findings);
    }

    private Map<String, Object> probe(String endpoint, Instant now) {
        Map<String, Object> result = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        result.put("endpoint", endpoint);
        int colon = endpoint.lastIndexOf(':');
        if (colon <= 0) {
            problems.add("not a host:port");
            result.put("problems", problems);
            return result;
        }
        String host = endpoint.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(endpoint.substring(colon + 1));
        } catch (NumberFormatException e) {
            problems.add("not a host:port");
            result.put("problems", problems);
            return result;
        }

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
                    if (!Character.isDigit(host.charAt(0))) {
                        parameters.setServerNames(List.of(new SNIHostName(host)));
                    }
                    socket.setSSLParameters(parameters);
                    socket.startHandshake();
                    SSLSession session = socket.getSession();
                    result.put("protocol", session.getProtocol());
                    result.put("cipherSuite", session.getCipherSuite());
                    if (!ACCEPTED_PROTOCOLS.contains(session.getProtocol())) {
                        problems.add("protocol " + session.getProtocol() + " is below TLS 1.2");
                    }
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            Log.debugf("TLS handshake with %s failed: %s", endpoint, e.getMessage());
            problems.add("handshake failed: " + e.getClass().getSimpleName());
        }

        X509Certificate[] chain = trust.chain;
        if (chain != null && chain.length > 0) {
            X509Certificate leaf = chain[0];
            long daysToExpiry =
                    Duration.between(now, leaf.getNotAfter().toInstant()).toDays();
            result.put("subject", leaf.getSubjectX500Principal().getName());
            result.put("notAfter", leaf.getNotAfter().toInstant().toString());
            result.put("daysToExpiry", daysToExpiry);
            result.put("chainLength", chain.length);
            result.put("chainValid", trust.failure == null);
            if (trust.failure != null) {
                problems.add("certificate chain not valid: " + trust.failure);
            }
            if (daysToExpiry < expiryWarningDays) {
                problems.add("certificate expires in " + daysToExpiry + " days (threshold " + expiryWarningDays + ")");
            }
        }
        result.put("problems", problems);
        return result;
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
