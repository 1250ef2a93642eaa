package org.compliancesuite.vault.phi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.vault.access.AccessContext;
import org.compliancesuite.vault.access.PhiGate;
import org.compliancesuite.vault.audit.AccessEvent;
import org.compliancesuite.vault.audit.AuditLog;
import org.compliancesuite.vault.audit.AuditReferences;
import org.compliancesuite.vault.keys.CryptoFailure;
import org.compliancesuite.vault.keys.KeyNames;
import org.compliancesuite.vault.keys.KeyProvider;
import org.compliancesuite.vault.keys.KeyRing;
import org.compliancesuite.vault.phi.PhiApi.CiphertextItem;
import org.compliancesuite.vault.phi.PhiApi.DecryptResult;
import org.compliancesuite.vault.phi.PhiApi.EncryptItem;
import org.compliancesuite.vault.phi.PhiApi.EncryptResult;
import org.compliancesuite.vault.phi.PhiApi.ItemError;
import org.compliancesuite.vault.phi.PhiApi.RewrapResult;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The PHI operations: each item is processed on its own (a bad item fails alone), every item writes its access
 * record, and the answer leaves only after those records are committed. A provider outage fails the whole request
 * with 503 and discloses nothing.
 */
@ApplicationScoped
public class PhiService {

    private static final Pattern INDEX_NOISE = Pattern.compile("[\\s\\p{Pd}./()]+");

    /** The blind index key version every index is computed with (README, blind index). */
    static final int BLIND_INDEX_VERSION = 1;

    @Inject
    Caller caller;

    @Inject
    AccessContext context;

    @Inject
    PhiGate gate;

    @Inject
    AuditLog audit;

    @Inject
    AuditReferences references;

    @Inject
    FieldCipher cipher;

    @Inject
    SubjectKeys subjects;

    @Inject
    KeyRing keys;

    @Inject
    KeyNames names;

    @Inject
    KeyProvider provider;

    @ConfigProperty(name = "vault.batch.max-items")
    int maxItems;

    public List<EncryptResult> encrypt(PhiApi.EncryptRequest request) {
        AccessEvent base = context.event("encrypt");
        gate.admit(base);
        List<EncryptItem> items = checkedItems(base, request.mixed(), request.all());
        String tenant = caller.tenant();
        return run(base, items.size(), i -> {
            EncryptItem item = items.get(i);
            AccessEvent event = base.withItem(
                    references.dataSubject(tenant, item.dataSubject()),
                    references.record(tenant, item.record()),
                    null,
                    null);
            try {
                byte[] plaintext = decode(item.plaintext(), "plaintext");
                SubjectKeys.SubjectKey subject = item.dataSubject() == null
                        ? null
                        : subjects.forEncryption(tenant, item.dataSubject(), caller.subject());
                FieldCiphertext sealed =
                        cipher.encrypt(new FieldContext(tenant, item.record(), item.field()), plaintext, subject);
                return new Outcome<>(
                        new EncryptResult(
                                i, sealed.format(), sealed.keyName(), sealed.keyVersion(), mode(sealed), null),
                        event.withItem(
                                event.dataSubjectRef(), event.recordRef(), sealed.keyName(), sealed.keyVersion()));
            } catch (CryptoFailure | ProblemException refusal) {
                ItemError error = error(refusal);
                return new Outcome<>(
                        new EncryptResult(i, null, null, null, null, error),
                        event.withOutcome(AccessEvent.REJECTED, error.code()));
            }
        });
    }

    public List<DecryptResult> decrypt(PhiApi.CiphertextRequest request) {
        AccessEvent base = gate.purpose(context.event("decrypt"));
        gate.admit(base);
        List<CiphertextItem> items = checkedItems(base, request.mixed(), request.all());
        String tenant = caller.tenant();
        return run(base, items.size(), i -> {
            CiphertextItem item = items.get(i);
            AccessEvent event = base.withItem(
                    references.dataSubject(tenant, item.dataSubject()),
                    references.record(tenant, item.record()),
                    null,
                    null);
            try {
                FieldCiphertext parsed = FieldCiphertext.parse(item.ciphertext());
                event = event.withItem(
                        event.dataSubjectRef(), event.recordRef(), parsed.keyName(), parsed.keyVersion());
                SubjectKeys.SubjectKey subject = subjectOf(tenant, parsed);
                if (subject != null) {
                    String declared = event.dataSubjectRef();
                    event = event.withItem(
                            subject.subjectRef(), event.recordRef(), event.keyName(), event.keyVersion());
                    checkDeclared(declared, subject);
                }
                byte[] plaintext =
                        cipher.decrypt(new FieldContext(tenant, item.record(), item.field()), parsed, subject);
                return new Outcome<>(
                        new DecryptResult(
                                i,
                                Base64.getEncoder().encodeToString(plaintext),
                                parsed.keyName(),
                                parsed.keyVersion(),
                                null),
                        event);
            } catch (CryptoFailure | ProblemException refusal) {
                ItemError error = error(refusal);
                return new Outcome<>(
                        new DecryptResult(i, null, null, null, error),
                        event.withOutcome(AccessEvent.REJECTED, error.code()));
            }
        });
    }

    public List<RewrapResult> rewrap(PhiApi.CiphertextRequest request) {
        AccessEvent base = context.event("rewrap");
        gate.admit(base);
        List<CiphertextItem> items = checkedItems(base, request.mixed(), request.all());
        String tenant = caller.tenant();
        return run(base, items.size(), i -> {
            CiphertextItem item = items.get(i);
            AccessEvent event = base.withItem(
                    references.dataSubject(tenant, item.dataSubject()),
                    references.record(tenant, item.record()),
                    null,
                    null);
            try {
                FieldCiphertext parsed = FieldCiphertext.parse(item.ciphertext());
                // A shredded subject's ciphertext is refused here too: nothing of it may be renewed.
                SubjectKeys.SubjectKey subject = subjectOf(tenant, parsed);
                if (subject != null) {
                    String declared = event.dataSubjectRef();
                    event = event.withItem(
                            subject.subjectRef(), event.recordRef(), event.keyName(), event.keyVersion());
                    checkDeclared(declared, subject);
                }
                FieldCiphertext moved = cipher.rewrap(new FieldContext(tenant, item.record(), item.field()), parsed);
                return new Outcome<>(
                        new RewrapResult(i, moved.format(), moved.keyVersion(), null),
                        event.withItem(event.dataSubjectRef(), event.recordRef(), moved.keyName(), moved.keyVersion()));
            } catch (CryptoFailure | ProblemException refusal) {
                ItemError error = error(refusal);
                return new Outcome<>(
                        new RewrapResult(i, null, null, error), event.withOutcome(AccessEvent.REJECTED, error.code()));
            }
        });
    }

    private SubjectKeys.SubjectKey subjectOf(String tenant, FieldCiphertext parsed) {
        return parsed.subjectKey() == null ? null : subjects.forDecryption(tenant, parsed.subjectKey());
    }

    /**
     * A declared data subject that is not the one the ciphertext's key belongs to is refused before anything is
     * opened: the caller's own account of whose data it reads must be true, or the audit trail by data subject would
     * mislead. The record names the key's subject, whose data was asked for.
     */
    private static void checkDeclared(String declaredRef, SubjectKeys.SubjectKey subject) {
        if (declaredRef != null && !declaredRef.equals(subject.subjectRef())) {
            throw new CryptoFailure(
                    422,
                    "data-subject-mismatch",
                    "the ciphertext belongs to another data subject than the one declared in dataSubject");
        }
    }

    /**
     * A keyed HMAC-SHA256 of the normalised value, under version 1 of the tenant's blind index key. The key is never
     * rotated through this service; the version is pinned all the same, so that a rotation made directly in Vault
     * cannot silently change every index. Normalisation: Unicode NFKC, lower case, whitespace, dashes, dots, slashes
     * and parentheses removed; the field name is part of the input, so equal values of different fields give
     * different indexes. A value with nothing left after normalisation is refused: its index would be one shared
     * value matching every other such value.
     */
    public PhiApi.BlindIndexResult blindIndex(PhiApi.BlindIndexRequest request) {
        AccessEvent base = context.event("blind-index");
        gate.admit(base);
        String logical = names.logicalName(KeyNames.Purpose.BLIND_INDEX);
        String normalised = INDEX_NOISE
                .matcher(Normalizer.normalize(request.value(), Normalizer.Form.NFKC)
                        .toLowerCase(Locale.ROOT))
                .replaceAll("");
        if (normalised.isEmpty()) {
            reject(base.withItem(null, null, logical, null), "empty-after-normalisation");
            throw ProblemException.unprocessable(
                    "value", "has nothing left to index after normalisation (only spaces and punctuation)");
        }
        String tenant = caller.tenant();
        KeyProvider.Mac mac;
        try {
            String key = keys.key(KeyNames.Purpose.BLIND_INDEX, tenant);
            mac = provider.hmac(
                    key, BLIND_INDEX_VERSION, (request.field() + "\n" + normalised).getBytes(StandardCharsets.UTF_8));
        } catch (ProblemException e) {
            audit.record(base.withItem(null, null, logical, BLIND_INDEX_VERSION)
                    .withOutcome(AccessEvent.FAILED, "key service unavailable"));
            context.markAudited();
            throw e;
        }
        audit.record(base.withItem(null, null, logical, mac.version()));
        context.markAudited();
        return new PhiApi.BlindIndexResult(
                Base64.getUrlEncoder().withoutPadding().encodeToString(mac.value()), logical, request.field());
    }

    public PhiApi.ShredResult shred(PhiApi.ShredRequest request) {
        AccessEvent base = context.event("shred");
        gate.admit(base);
        String tenant = caller.tenant();
        String ref = references.dataSubject(tenant, request.dataSubject());
        AccessEvent event = base.withItem(ref, null, names.logicalName(KeyNames.Purpose.ENCRYPTION), null);
        SubjectKeys.Shredded shredded;
        try {
            shredded = subjects.shred(tenant, request.dataSubject(), caller.subject(), request.reason());
        } catch (ProblemException e) {
            audit.record(
                    event.withOutcome(e.status() == 409 ? AccessEvent.REJECTED : AccessEvent.FAILED, e.getMessage()));
            context.markAudited();
            throw e;
        }
        audit.record(event);
        context.markAudited();
        return new PhiApi.ShredResult(ref, shredded.shreddedAt().toString(), caller.subject());
    }

    private record Outcome<T>(T result, AccessEvent event) {}

    /** Runs the items in order; on an outage, records what was attempted and refuses the whole request. */
    private <T> List<T> run(AccessEvent base, int count, Function<Integer, Outcome<T>> item) {
        List<T> results = new ArrayList<>(count);
        List<AccessEvent> events = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                Outcome<T> outcome = item.apply(i);
                results.add(outcome.result());
                events.add(outcome.event());
            }
        } catch (ProblemException outage) {
            events.add(base.withOutcome(AccessEvent.FAILED, "key service unavailable"));
            audit.record(events);
            context.markAudited();
            throw outage;
        }
        audit.record(events);
        context.markAudited();
        return results;
    }

    /**
     * The request's items, once the request is well formed: not both a single item and a batch, at least one item,
     * at most BATCH_MAX_ITEMS. A refusal is audited before it is answered, like every other.
     */
    private <T> List<T> checkedItems(AccessEvent base, boolean mixed, List<T> items) {
        if (mixed) {
            reject(base, "mixed-single-and-batch");
            throw ProblemException.badRequest("send either one item at the top level or a batch in 'items', not both");
        }
        if (items.isEmpty()) {
            reject(base, "empty-batch");
            throw ProblemException.unprocessable("items", "must hold at least one item");
        }
        if (items.size() > maxItems) {
            reject(base, "batch-too-large");
            throw new ProblemException(
                    413, "Content Too Large", "a batch holds at most " + maxItems + " items (BATCH_MAX_ITEMS)");
        }
        return items;
    }

    private void reject(AccessEvent event, String reason) {
        audit.record(event.withOutcome(AccessEvent.REJECTED, reason));
        context.markAudited();
    }

    private static byte[] decode(String value, String field) {
        if (value == null) {
            throw new CryptoFailure(400, "missing-" + field, field + " is required");
        }
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new CryptoFailure(400, "invalid-base64", field + " is not valid base64");
        }
    }

    private static ItemError error(RuntimeException refusal) {
        if (refusal instanceof CryptoFailure failure) {
            return new ItemError(failure.status(), failure.code(), failure.getMessage());
        }
        ProblemException problem = (ProblemException) refusal;
        if (problem.status() >= 500) {
            throw problem;
        }
        return new ItemError(problem.status(), problem.status() == 409 ? "shredded" : "refused", problem.getMessage());
    }

    private static String mode(FieldCiphertext ciphertext) {
        return ciphertext.mode() == FieldCiphertext.Mode.DIRECT ? "direct" : "envelope";
    }
}
