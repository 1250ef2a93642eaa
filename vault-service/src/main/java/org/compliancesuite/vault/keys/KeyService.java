package org.compliancesuite.vault.keys;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.vault.access.AccessContext;
import org.compliancesuite.vault.access.PhiGate;
import org.compliancesuite.vault.audit.AccessEvent;
import org.compliancesuite.vault.audit.AuditLog;
import org.compliancesuite.vault.audit.AuditReferences;
import org.compliancesuite.vault.keys.KeyApi.KeyView;
import org.compliancesuite.vault.keys.KeyNames.Purpose;
import org.compliancesuite.vault.phi.DataKeyCache;
import org.compliancesuite.vault.phi.SubjectKeys;

/** Key lifecycle of the caller's tenant: read, rotate, minimum decryption version, auto-rotation. All audited. */
@ApplicationScoped
public class KeyService {

    @Inject
    Caller caller;

    @Inject
    AccessContext context;

    @Inject
    AuditLog audit;

    @Inject
    KeyProvider provider;

    @Inject
    KeyNames names;

    @Inject
    KeyRing keys;

    @Inject
    DataKeyCache dataKeys;

    @Inject
    SubjectKeys subjects;

    @Inject
    AuditReferences references;

    @Inject
    PhiGate gate;

    /**
     * The tenant's keys that exist. Reading creates nothing: a key appears once it is first used (encryption, blind
     * index, audit references, signing) or once a security officer rotates or configures it.
     */
    public List<KeyView> list() {
        admit("key-read", null);
        return whileAvailable("key-read", null, this::listKeys);
    }

    private List<KeyView> listKeys() {
        String tenant = caller.tenant();
        List<KeyView> views = Arrays.stream(Purpose.values())
                .flatMap(p -> provider.read(names.providerName(p, tenant)).map(info -> view(p, info)).stream())
                .toList();
        recorded("key-read", null, null);
        return views;
    }

    public KeyView read(String logicalName) {
        admit("key-read", logicalName);
        return whileAvailable("key-read", logicalName, () -> readKey(logicalName));
    }

    public KeyView rotate(String logicalName) {
        admit("key-rotate", logicalName);
        return whileAvailable("key-rotate", logicalName, () -> rotateKey(logicalName));
    }

    public KeyView configure(String logicalName, KeyApi.KeyConfigRequest request) {
        admit("key-configure", logicalName);
        return whileAvailable("key-configure", logicalName, () -> configureKey(logicalName, request));
    }

    /** The per-client rate limit, as for PHI operations; a refusal is audited (429 with Retry-After). */
    private void admit(String action, String keyName) {
        gate.admit(context.event(action).withItem(null, null, storable(keyName), null));
    }

    private static String storable(String keyName) {
        return keyName != null && keyName.length() > 64 ? keyName.substring(0, 64) : keyName;
    }

    /** A key operation that fails because the provider is down is recorded as failed before the 503 is answered. */
    private <T> T whileAvailable(String action, String keyName, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (ProblemException e) {
            if (e.status() >= 500 && !context.audited()) {
                audit.record(context.event(action)
                        .withItem(null, null, keyName, null)
                        .withOutcome(AccessEvent.FAILED, "key service unavailable"));
                context.markAudited();
            }
            throw e;
        }
    }

    private KeyView readKey(String logicalName) {
        Purpose purpose = purpose(logicalName);
        KeyInfo info = provider.read(names.providerName(purpose, caller.tenant()))
                .orElseThrow(() -> {
                    recordRefusal("key-read", logicalName, "not created yet");
                    return ProblemException.notFound(
                            "the tenant's key '" + logicalName + "' does not exist yet: keys are created on first use");
                });
        KeyView view = view(purpose, info);
        recorded("key-read", logicalName, view.latestVersion());
        return view;
    }

    private KeyView rotateKey(String logicalName) {
        Purpose purpose = purpose(logicalName);
        if (!purpose.rotatable()) {
            recordRefusal("key-rotate", logicalName, "blind index key is never rotated");
            throw ProblemException.conflict(
                    "the blind index key is never rotated: a new version would make every stored"
                            + " index unfindable");
        }
        String key = keys.key(purpose, caller.tenant());
        provider.rotate(key);
        forget(key);
        KeyView view = view(purpose, provider.read(key).orElseThrow());
        Log.infof("key %s of tenant %s rotated to version %d", logicalName, caller.tenant(), view.latestVersion());
        recorded("key-rotate", logicalName, view.latestVersion());
        return view;
    }

    private KeyView configureKey(String logicalName, KeyApi.KeyConfigRequest request) {
        Purpose purpose = purpose(logicalName);
        if (request.minDecryptionVersion() == null && request.rotationPeriodDays() == null) {
            throw ProblemException.unprocessable(
                    "minDecryptionVersion", "give minDecryptionVersion, rotationPeriodDays or both");
        }
        if (!purpose.rotatable()) {
            // one version for ever: nothing to configure, and the Vault policy grants no config on this key
            recordRefusal("key-configure", logicalName, "blind index key is never rotated");
            throw ProblemException.conflict("the blind index key has one version and is never rotated or configured");
        }
        String tenant = caller.tenant();
        String key = keys.key(purpose, tenant);
        KeyInfo before = provider.read(key).orElseThrow();
        Integer minimum = request.minDecryptionVersion();
        if (minimum != null && minimum > before.latestVersion()) {
            recordRefusal("key-configure", logicalName, "minimum above latest version");
            throw ProblemException.unprocessable(
                    "minDecryptionVersion", "must not exceed the latest version " + before.latestVersion());
        }
        if (minimum != null && minimum > before.minDecryptionVersion()) {
            // The service's own wrapped secrets must not be stranded below the new minimum.
            if (purpose == Purpose.ENCRYPTION) {
                subjects.rewrapBelow(tenant, minimum);
            } else if (purpose == Purpose.AUDIT_HMAC) {
                references.rewrapBelow(tenant, minimum);
            }
        }
        Duration period = request.rotationPeriodDays() == null ? null : Duration.ofDays(request.rotationPeriodDays());
        provider.configure(key, minimum, period);
        forget(key);
        KeyView view = view(purpose, provider.read(key).orElseThrow());
        Log.infof(
                "key %s of tenant %s configured: min decryption version %d, rotation period %s days",
                logicalName, tenant, view.minDecryptionVersion(), view.rotationPeriodDays());
        recorded("key-configure", logicalName, view.latestVersion());
        return view;
    }

    private void forget(String key) {
        keys.forget(key);
        dataKeys.forget(key);
    }

    private Purpose purpose(String logicalName) {
        return names.purposeOf(logicalName).orElseThrow(() -> {
            recordRefusal("key-read", storable(logicalName), "unknown key");
            return ProblemException.notFound("no key named '" + logicalName + "'");
        });
    }

    private KeyView view(Purpose purpose, KeyInfo info) {
        long days = info.autoRotatePeriod().toDays();
        return new KeyView(
                names.logicalName(purpose),
                purpose.label(),
                info.latestVersion(),
                info.minDecryptionVersion(),
                days > 0 ? (int) days : null,
                !info.autoRotatePeriod().isZero(),
                info.versions().entrySet().stream()
                        .map(e -> new KeyApi.KeyVersionView(
                                e.getKey(),
                                e.getValue() == null ? null : e.getValue().toString()))
                        .toList());
    }

    private void recorded(String action, String keyName, Integer version) {
        AccessEvent event = context.event(action);
        audit.record(event.withItem(null, null, keyName, version));
        context.markAudited();
    }

    private void recordRefusal(String action, String keyName, String reason) {
        AccessEvent event = context.event(action);
        audit.record(event.withItem(null, null, keyName, null).withOutcome(AccessEvent.DENIED, reason));
        context.markAudited();
    }
}
