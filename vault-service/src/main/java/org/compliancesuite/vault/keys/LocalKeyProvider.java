package org.compliancesuite.vault.keys;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;

/**
 * Development key provider: AES-256-GCM and Ed25519 keys whose material is stored in PostgreSQL, each version
 * sealed with the master key from configuration (LOCAL_MASTER_KEY). Same operations and semantics as Transit
 * (versions, minimum decryption version, auto-rotation), so the service behaves alike on {@code ./suite up}. Never
 * the production default: the prod profile refuses it unless LOCAL_KEY_PROVIDER_ALLOWED=true.
 */
public class LocalKeyProvider implements KeyProvider {

    /**
     * AES-GCM messages per key version: NIST SP 800-38D section 8.3 allows at most 2^32 invocations of one key with
     * random 96-bit nonces. A version that reaches it is rotated before the next seal.
     */
    static final long SEAL_LIMIT = AesGcm.MAX_MESSAGES_PER_KEY;

    /** Seals reserved in the database at a time, so that the count costs one UPDATE per million seals. */
    static final long SEAL_BLOCK = 1L << 20;

    private final EntityManager em;
    private final byte[] masterKey;
    private final long sealLimit;
    private final long sealBlock;
    private final Map<String, byte[]> material = new ConcurrentHashMap<>();
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();
    private final Map<String, SealBudget> budgets = new ConcurrentHashMap<>();

    /** Seals this process may still make with one key version, from the blocks it reserved. */
    private static final class SealBudget {
        long remaining;
        boolean exhausted;
    }

    public LocalKeyProvider(EntityManager em, byte[] masterKey) {
        this(em, masterKey, SEAL_LIMIT, SEAL_BLOCK);
    }

    LocalKeyProvider(EntityManager em, byte[] masterKey, long sealLimit, long sealBlock) {
        if (masterKey.length != AesGcm.KEY_BYTES) {
            throw new IllegalStateException("LOCAL_MASTER_KEY must be 32 bytes, base64-encoded");
        }
        this.em = em;
        this.masterKey = masterKey.clone();
        this.sealLimit = sealLimit;
        this.sealBlock = sealBlock;
    }

    @Override
    public String id() {
        return "local";
    }

    private record Meta(String type, int latest, int minDecryption, long autoRotateSeconds) {}

    /**
     * Creates the key in a transaction of its own, as Transit would: the key exists from then on whatever the caller's
     * transaction does, so it can be remembered and later calls cost no statement.
     */
    @Override
    public void ensureKey(String name, KeyType type) {
        if (ensured.contains(name)) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            int created = em.createNativeQuery(
                            "INSERT INTO local_key (name, type, latest_version, min_decryption_version,"
                                    + " auto_rotate_seconds, created_at) VALUES (?1, ?2, 0, 1, 0, ?3)"
                                    + " ON CONFLICT (name) DO NOTHING")
                    .setParameter(1, name)
                    .setParameter(2, type.vaultName())
                    .setParameter(3, Timestamp.from(Instant.now()))
                    .executeUpdate();
            if (created == 1) {
                addVersion(name, type.vaultName());
                Log.infof("created local key %s (%s)", name, type.vaultName());
            }
        });
        ensured.add(name);
    }

    private Optional<Meta> meta(String name, boolean lock) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT type, latest_version, min_decryption_version,"
                        + " auto_rotate_seconds FROM local_key WHERE name = ?1" + (lock ? " FOR UPDATE" : ""))
                .setParameter(1, name)
                .getResultList();
        return rows.stream()
                .findFirst()
                .map(r -> new Meta(
                        (String) r[0],
                        ((Number) r[1]).intValue(),
                        ((Number) r[2]).intValue(),
                        ((Number) r[3]).longValue()));
    }

    private Meta requireMeta(String name) {
        return meta(name, false).orElseThrow(() -> new CryptoFailure(422, "unknown-key", "the key does not exist"));
    }

    /** Adds the next version; the caller holds the key row (just inserted or locked). */
    private void addVersion(String name, String type) {
        int next = ((Number) em.createNativeQuery("SELECT latest_version FROM local_key WHERE name = ?1")
                                .setParameter(1, name)
                                .getSingleResult())
                        .intValue()
                + 1;
        byte[] secret;
        String publicKey = null;
        if (KeyType.ED25519.vaultName().equals(type)) {
            KeyPair pair = ed25519Pair();
            secret = pair.getPrivate().getEncoded();
            byte[] spki = pair.getPublic().getEncoded();
            publicKey = Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        } else {
            secret = AesGcm.randomKey();
        }
        String sealed = Base64.getEncoder().encodeToString(AesGcm.seal(masterKey, secret, versionLabel(name, next)));
        Arrays.fill(secret, (byte) 0);
        em.createNativeQuery("INSERT INTO local_key_version (name, version, material, public_key, created_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, name)
                .setParameter(2, next)
                .setParameter(3, sealed)
                .setParameter(4, publicKey)
                .setParameter(5, Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)))
                .executeUpdate();
        em.createNativeQuery("UPDATE local_key SET latest_version = ?1 WHERE name = ?2")
                .setParameter(1, next)
                .setParameter(2, name)
                .executeUpdate();
    }

    private static byte[] versionLabel(String name, int version) {
        return (name + "\n" + version).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] material(String name, int version) {
        return material.computeIfAbsent(name + "\n" + version, k -> {
            @SuppressWarnings("unchecked")
            List<String> rows = em.createNativeQuery(
                            "SELECT material FROM local_key_version WHERE name = ?1 AND version = ?2")
                    .setParameter(1, name)
                    .setParameter(2, version)
                    .getResultList();
            if (rows.isEmpty()) {
                throw new CryptoFailure(
                        422, "unknown-key-version", "the ciphertext names a key version that does not exist");
            }
            return AesGcm.open(masterKey, Base64.getDecoder().decode(rows.getFirst()), versionLabel(name, version));
        });
    }

    /**
     * The latest version, rotated first when the auto-rotation period of the latest version has passed, as Transit
     * does. Concurrent callers that all find the period passed rotate once: the rotation re-checks the latest version
     * under the key's row lock.
     */
    private int currentVersion(String name) {
        Meta meta = requireMeta(name);
        if (meta.autoRotateSeconds() > 0) {
            Instant latestAt = instant(
                    em.createNativeQuery("SELECT created_at FROM local_key_version WHERE name = ?1 AND version = ?2")
                            .setParameter(1, name)
                            .setParameter(2, meta.latest())
                            .getSingleResult());
            if (latestAt.plusSeconds(meta.autoRotateSeconds()).isBefore(Instant.now())) {
                rotateFrom(name, meta.latest(), "its auto-rotation period passed");
                return requireMeta(name).latest();
            }
        }
        return meta.latest();
    }

    /** The version to seal the next message with, counted against its budget of {@link #SEAL_LIMIT} seals. */
    private int sealingVersion(String name) {
        while (true) {
            int version = currentVersion(name);
            SealBudget budget = budgets.computeIfAbsent(name + "\n" + version, k -> new SealBudget());
            synchronized (budget) {
                if (budget.remaining == 0 && !budget.exhausted) {
                    long reservedUpTo = reserveSeals(name, version);
                    long usable = Math.min(sealBlock, sealLimit - (reservedUpTo - sealBlock));
                    budget.remaining = Math.max(0, usable);
                    budget.exhausted = budget.remaining == 0;
                }
                if (budget.remaining > 0) {
                    budget.remaining--;
                    return version;
                }
            }
            rotateFrom(name, version, "its seal budget (NIST SP 800-38D) is used up");
        }
    }

    /**
     * Reserves the next block of seals of a version for this process, committed at once so that no other replica or
     * restart can reuse it; returns the count reserved so far, this block included.
     */
    private long reserveSeals(String name, int version) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("UPDATE local_key_version SET reserved_seals ="
                                        + " reserved_seals + ?1 WHERE name = ?2 AND version = ?3 RETURNING"
                                        + " reserved_seals")
                                .setParameter(1, sealBlock)
                                .setParameter(2, name)
                                .setParameter(3, version)
                                .getSingleResult())
                        .longValue());
    }

    /** Adds a version in a transaction of its own, unless another caller already moved the key past {@code seen}. */
    private void rotateFrom(String name, int seen, String why) {
        QuarkusTransaction.requiringNew().run(() -> {
            Meta meta =
                    meta(name, true).orElseThrow(() -> new CryptoFailure(422, "unknown-key", "the key does not exist"));
            if (meta.latest() != seen) {
                return;
            }
            addVersion(name, meta.type());
            Log.infof("local key %s rotated to version %d: %s", name, seen + 1, why);
        });
    }

    @Override
    public ProviderCiphertext encrypt(String name, byte[] plaintext, byte[] associatedData) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            int version = sealingVersion(name);
            byte[] sealed = AesGcm.seal(material(name, version), plaintext, associatedData);
            return new ProviderCiphertext(version, Base64.getEncoder().encodeToString(sealed));
        });
    }

    @Override
    public byte[] decrypt(String name, ProviderCiphertext ciphertext, byte[] associatedData) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Meta meta = requireMeta(name);
            if (ciphertext.version() < meta.minDecryption()) {
                throw CryptoFailure.belowMinimum(ciphertext.version(), meta.minDecryption());
            }
            byte[] sealed;
            try {
                sealed = Base64.getDecoder().decode(ciphertext.body());
            } catch (IllegalArgumentException e) {
                throw CryptoFailure.malformed("the ciphertext body is not valid base64");
            }
            return AesGcm.open(material(name, ciphertext.version()), sealed, associatedData);
        });
    }

    @Override
    public DataKey dataKey(String name) {
        byte[] key = AesGcm.randomKey();
        return new DataKey(key, encrypt(name, key, null));
    }

    @Override
    public ProviderCiphertext rewrap(String name, ProviderCiphertext ciphertext) {
        byte[] plain = decrypt(name, ciphertext, null);
        try {
            return encrypt(name, plain, null);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    @Override
    public Mac hmac(String name, int version, byte[] input) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            if (version > requireMeta(name).latest()) {
                throw new CryptoFailure(422, "unknown-key-version", "the key has no version " + version);
            }
            try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(material(name, version), "HmacSHA256"));
                return new Mac(version, mac.doFinal(input));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
            }
        });
    }

    @Override
    public Signed sign(String name, byte[] input) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            int version = currentVersion(name);
            try {
                var privateKey = KeyFactory.getInstance("Ed25519")
                        .generatePrivate(new PKCS8EncodedKeySpec(material(name, version)));
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign(privateKey);
                signature.update(input);
                return new Signed(version, signature.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 is required by the Java platform", e);
            }
        });
    }

    @Override
    public Optional<KeyInfo> read(String name) {
        return QuarkusTransaction.joiningExisting()
                .call(() -> meta(name, false).map(meta -> {
                    @SuppressWarnings("unchecked")
                    List<Object[]> rows = em.createNativeQuery(
                                    "SELECT version, created_at, public_key FROM local_key_version WHERE name = ?1")
                            .setParameter(1, name)
                            .getResultList();
                    SortedMap<Integer, Instant> versions = new TreeMap<>();
                    Map<Integer, byte[]> publicKeys = new HashMap<>();
                    for (Object[] row : rows) {
                        int version = ((Number) row[0]).intValue();
                        versions.put(version, instant(row[1]));
                        if (row[2] != null) {
                            publicKeys.put(version, Base64.getDecoder().decode((String) row[2]));
                        }
                    }
                    return new KeyInfo(
                            name,
                            meta.type(),
                            meta.latest(),
                            meta.minDecryption(),
                            Duration.ofSeconds(meta.autoRotateSeconds()),
                            versions,
                            publicKeys);
                }));
    }

    @Override
    public void rotate(String name) {
        QuarkusTransaction.joiningExisting().run(() -> {
            Meta meta =
                    meta(name, true).orElseThrow(() -> new CryptoFailure(422, "unknown-key", "the key does not exist"));
            addVersion(name, meta.type());
        });
    }

    @Override
    public void configure(String name, Integer minDecryptionVersion, Duration autoRotatePeriod) {
        QuarkusTransaction.joiningExisting().run(() -> {
            Meta meta =
                    meta(name, true).orElseThrow(() -> new CryptoFailure(422, "unknown-key", "the key does not exist"));
            em.createNativeQuery("UPDATE local_key SET min_decryption_version = ?1, auto_rotate_seconds = ?2"
                            + " WHERE name = ?3")
                    .setParameter(1, minDecryptionVersion == null ? meta.minDecryption() : minDecryptionVersion)
                    .setParameter(2, autoRotatePeriod == null ? meta.autoRotateSeconds() : autoRotatePeriod.toSeconds())
                    .setParameter(3, name)
                    .executeUpdate();
        });
    }

    @Override
    public void checkAvailable() {
        // The local store is the service's own database; its readiness is reported by the datasource check.
    }

    /** The JDBC driver and Hibernate versions differ in what a timestamptz column comes back as. */
    private static Instant instant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case Timestamp t -> t.toInstant();
            case java.time.OffsetDateTime o -> o.toInstant();
            default ->
                throw new IllegalStateException(
                        "unexpected timestamp type " + value.getClass().getSimpleName());
        };
    }

    private static KeyPair ed25519Pair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required by the Java platform", e);
        }
    }
}
