package org.compliancesuite.evidence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * X.509 certificates made when the tests start, with validity relative to now, so that "expires in 10 days" and
 * "expired 5 days ago" stay true on any day the tests run. Minimal DER: EC P-256 keys, ECDSA with SHA-256, a common
 * name, basic constraints, and for end entities the subject alternative names localhost and 127.0.0.1.
 */
public final class TestCertificates {

    /** A key pair and its certificate. */
    public record Issued(KeyPair keys, X509Certificate certificate) {}

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());
    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private TestCertificates() {}

    public static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** A self-signed certificate: a root CA when {@code ca}, otherwise an end entity for localhost. */
    public static Issued selfSigned(String commonName, Instant notBefore, Instant notAfter, boolean ca)
            throws GeneralSecurityException {
        KeyPair keys = keyPair();
        return new Issued(keys, certificate(commonName, keys, commonName, keys, notBefore, notAfter, ca));
    }

    /** A certificate issued by {@code issuer}: an intermediate CA when {@code ca}, otherwise an end entity. */
    public static Issued issued(String commonName, Issued issuer, Instant notBefore, Instant notAfter, boolean ca)
            throws GeneralSecurityException {
        KeyPair keys = keyPair();
        String issuerName =
                issuer.certificate().getSubjectX500Principal().getName().substring("CN=".length());
        return new Issued(keys, certificate(commonName, keys, issuerName, issuer.keys(), notBefore, notAfter, ca));
    }

    private static X509Certificate certificate(
            String subject,
            KeyPair subjectKeys,
            String issuer,
            KeyPair issuerKeys,
            Instant notBefore,
            Instant notAfter,
            boolean ca)
            throws GeneralSecurityException {
        byte[] ecdsaWithSha256 = seq(oid(new int[] {1, 2, 840, 10045, 4, 3, 2}));
        byte[] basicConstraints =
                extension(new int[] {2, 5, 29, 19}, true, ca ? seq(new byte[] {0x01, 0x01, (byte) 0xff}) : seq());
        byte[] extensions = ca
                ? basicConstraints
                : concat(
                        basicConstraints,
                        extension(
                                new int[] {2, 5, 29, 17},
                                false,
                                seq(
                                        tlv(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)),
                                        tlv(0x87, new byte[] {127, 0, 0, 1}))));
        byte[] tbs = seq(
                tlv(0xa0, integer(BigInteger.TWO)),
                integer(BigInteger.valueOf(SERIALS.incrementAndGet())),
                ecdsaWithSha256,
                name(issuer),
                seq(time(notBefore), time(notAfter)),
                name(subject),
                subjectKeys.getPublic().getEncoded(),
                tlv(0xa3, seq(extensions)));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(issuerKeys.getPrivate());
        signer.update(tbs);
        byte[] der = seq(tbs, ecdsaWithSha256, tlv(0x03, concat(new byte[] {0}, signer.sign())));
        return (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static byte[] extension(int[] oid, boolean critical, byte[] value) {
        return critical
                ? seq(oid(oid), new byte[] {0x01, 0x01, (byte) 0xff}, tlv(0x04, value))
                : seq(oid(oid), tlv(0x04, value));
    }

    private static byte[] name(String commonName) {
        return seq(tlv(0x31, seq(oid(new int[] {2, 5, 4, 3}), tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
    }

    private static byte[] time(Instant instant) {
        return tlv(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] integer(BigInteger value) {
        return tlv(0x02, value.toByteArray());
    }

    private static byte[] oid(int[] arcs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            int arc = arcs[i];
            int bytes = 1;
            while ((arc >> (7 * bytes)) != 0) {
                bytes++;
            }
            for (int b = bytes - 1; b >= 0; b--) {
                out.write(((arc >> (7 * b)) & 0x7f) | (b == 0 ? 0 : 0x80));
            }
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] seq(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
