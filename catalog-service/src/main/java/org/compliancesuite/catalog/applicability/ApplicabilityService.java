package org.compliancesuite.catalog.applicability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.compliancesuite.catalog.Page;
import org.compliancesuite.catalog.Refusals;
import org.compliancesuite.catalog.change.ChangeLog;
import org.compliancesuite.catalog.control.MappingQuery;
import org.compliancesuite.catalog.framework.Framework;
import org.compliancesuite.catalog.framework.Requirement;
import org.compliancesuite.common.problem.Problem;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.common.security.Caller;

/**
 * Applicability rules. ISO/IEC 27001:2022 6.1.3 d) asks for the justification of every excluded control in the
 * Statement of Applicability, so an exclusion without one is refused; an excluded requirement is never "implemented"
 * and an applicable one is never "not-applicable".
 */
@ApplicationScoped
public class ApplicabilityService {

    @Inject
    Caller caller;

    @Inject
    ChangeLog changes;

    @Inject
    MappingQuery mappings;

    /** The tenant's decision on a requirement, or the default (applicable, not started). */
    public ApplicabilityView get(Requirement requirement) {
        Applicability row = find(requirement.id);
        return row == null ? defaultView(requirement) : view(requirement, row);
    }

    /** The decisions the tenant recorded for a framework, in catalog order. */
    public Page<ApplicabilityView> recorded(Framework framework, int page, int size) {
        var query = Applicability.<Applicability>find(
                "select a from Applicability a, Requirement r where r.id = a.requirementId and a.tenant = ?1"
                        + " and r.frameworkId = ?2 order by r.position",
                caller.tenant(),
                framework.id);
        List<Applicability> rows = query.page(page, size).list();
        long total = Applicability.count(
                "tenant = ?1 and requirementId in (select r.id from Requirement r where r.frameworkId = ?2)",
                caller.tenant(),
                framework.id);
        Map<UUID, Requirement> requirements = new HashMap<>();
        if (!rows.isEmpty()) {
            Requirement.<Requirement>list(
                            "id in ?1", rows.stream().map(a -> a.requirementId).toList())
                    .forEach(r -> requirements.put(r.id, r));
        }
        return new Page<>(
                rows.stream()
                        .map(a -> view(requirements.get(a.requirementId), a))
                        .toList(),
                page,
                size,
                total);
    }

    /** Sets the decision on one requirement. Refuses (422) a grouping requirement and the rule breaches above. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ApplicabilityView set(Framework framework, Requirement requirement, ApplicabilityRequest request) {
        requireWritable(framework);
        List<Problem.FieldViolation> errors = check(requirement, request, "");
        if (!errors.isEmpty()) {
            throw Refusals.unprocessable(errors);
        }
        return view(requirement, store(requirement, request, Instant.now()));
    }

    /**
     * Sets the decisions on many requirements of one framework: all are checked before any is stored, so the update
     * is all or nothing. Duplicate codes answer 409; unknown codes and rule breaches 422 with every failing item.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public BulkApplicabilityResult setAll(Framework framework, BulkApplicabilityRequest request) {
        requireWritable(framework);
        Set<String> seen = new HashSet<>();
        List<String> duplicates = request.items().stream()
                .map(BulkApplicabilityRequest.Item::code)
                .filter(code -> !seen.add(code))
                .distinct()
                .toList();
        if (!duplicates.isEmpty()) {
            throw ProblemException.conflict("codes listed more than once: " + String.join(", ", duplicates));
        }

        Map<String, Requirement> byCode =
                Requirement.ofFramework(framework.id).stream().collect(Collectors.toMap(r -> r.code, r -> r));
        List<Problem.FieldViolation> errors = new ArrayList<>();
        for (int i = 0; i < request.items().size(); i++) {
            BulkApplicabilityRequest.Item item = request.items().get(i);
            String prefix = "items[" + i + "].";
            Requirement requirement = byCode.get(item.code());
            if (requirement == null) {
                errors.add(new Problem.FieldViolation(
                        prefix + "code", "no requirement " + item.code() + " in framework " + framework.id));
            } else {
                errors.addAll(check(requirement, item.decision(), prefix));
            }
        }
        if (!errors.isEmpty()) {
            throw Refusals.unprocessable(errors);
        }

        Instant now = Instant.now();
        for (BulkApplicabilityRequest.Item item : request.items()) {
            store(byCode.get(item.code()), item.decision(), now);
        }
        return new BulkApplicabilityResult(framework.id, request.items().size());
    }

    /** Every assessable requirement of the framework with the tenant's decision and the controls mapped to it. */
    public ChecklistView checklist(Framework framework) {
        List<Requirement> requirements = Requirement.ofFramework(framework.id);
        Map<String, Requirement> byCode = new HashMap<>();
        requirements.forEach(r -> byCode.put(r.code, r));
        Map<UUID, Applicability> decisions = new HashMap<>();
        Applicability.<Applicability>list(
                        "tenant = ?1 and requirementId in (select r.id from Requirement r where r.frameworkId = ?2)",
                        caller.tenant(),
                        framework.id)
                .forEach(a -> decisions.put(a.requirementId, a));
        Map<String, Set<String>> controls = mappings.controlsByRequirement(framework.id, caller.tenant());

        List<ChecklistView.Item> items = new ArrayList<>();
        for (Requirement r : requirements) {
            if (!r.assessable) {
                continue;
            }
            Applicability a = decisions.get(r.id);
            items.add(new ChecklistView.Item(
                    r.code,
                    r.title,
                    r.parentCode,
                    topAncestor(r, byCode).title,
                    a == null || a.applicable,
                    a == null ? null : a.justification,
                    a == null ? ImplementationStatus.NOT_STARTED.toString() : a.status,
                    a == null ? null : a.owner,
                    a == null ? null : a.targetDate,
                    List.copyOf(controls.getOrDefault(r.code, Set.of())),
                    r.implementation,
                    r.category));
        }
        return new ChecklistView(framework.id, items);
    }

    private List<Problem.FieldViolation> check(Requirement requirement, ApplicabilityRequest request, String prefix) {
        List<Problem.FieldViolation> errors = new ArrayList<>();
        if (!requirement.assessable) {
            errors.add(new Problem.FieldViolation(
                    prefix + "code", requirement.code + " groups other requirements and is not assessed on its own"));
        }
        boolean applicable = request.applicable();
        if (!applicable
                && (request.justification() == null || request.justification().isBlank())) {
            errors.add(new Problem.FieldViolation(
                    prefix + "justification", "is required when the requirement is excluded (applicable=false)"));
        }
        if (!applicable && request.status() != null && request.status() != ImplementationStatus.NOT_APPLICABLE) {
            errors.add(new Problem.FieldViolation(
                    prefix + "status", "must be not-applicable when the requirement is excluded"));
        }
        if (applicable && request.status() == ImplementationStatus.NOT_APPLICABLE) {
            errors.add(new Problem.FieldViolation(
                    prefix + "status", "not-applicable needs applicable=false and a justification"));
        }
        return errors;
    }

    private Applicability store(Requirement requirement, ApplicabilityRequest request, Instant at) {
        // Two first decisions on the same requirement may arrive together: the row is created by an insert that
        // yields to an existing one, then locked, so the second decision updates instead of failing on the key.
        int inserted = Applicability.getEntityManager()
                .createNativeQuery("INSERT INTO applicability (id, tenant, requirement_id, applicable, status,"
                        + " updated_at, updated_by) VALUES (:id, :tenant, :requirement, true, 'not-started', :at, :by)"
                        + " ON CONFLICT (tenant, requirement_id) DO NOTHING")
                .setParameter("id", UUID.randomUUID())
                .setParameter("tenant", caller.tenant())
                .setParameter("requirement", requirement.id)
                .setParameter("at", at)
                .setParameter("by", caller.subject())
                .executeUpdate();
        boolean created = inserted == 1;
        Applicability row = Applicability.<Applicability>find(
                        "tenant = ?1 and requirementId = ?2", caller.tenant(), requirement.id)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .singleResult();
        Map<String, Object> before = created ? null : decision(row);
        ImplementationStatus status = request.status() != null
                ? request.status()
                : request.applicable() ? ImplementationStatus.NOT_STARTED : ImplementationStatus.NOT_APPLICABLE;
        row.applicable = request.applicable();
        row.justification =
                request.justification() == null || request.justification().isBlank()
                        ? null
                        : request.justification().strip();
        row.status = status.toString();
        row.owner = request.owner();
        row.targetDate = request.targetDate();
        row.updatedAt = at;
        row.updatedBy = caller.subject();

        // Auditors read the decision before and after each change; "before" is null for the first decision, when the
        // default (applicable, not started) applied, and names who made the decision it replaces.
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("frameworkId", requirement.frameworkId);
        detail.put("code", requirement.code);
        detail.put("before", before);
        detail.put("after", decision(row));
        changes.record(
                "applicability",
                requirement.frameworkId + ":" + requirement.code,
                created ? "created" : "updated",
                at,
                detail);
        return row;
    }

    private static Map<String, Object> decision(Applicability row) {
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("applicable", row.applicable);
        decision.put("justification", row.justification);
        decision.put("status", row.status);
        decision.put("owner", row.owner);
        decision.put("targetDate", row.targetDate == null ? null : row.targetDate.toString());
        decision.put("decidedBy", row.updatedBy);
        decision.put("decidedAt", row.updatedAt == null ? null : row.updatedAt.toString());
        return decision;
    }

    private Applicability find(UUID requirementId) {
        return Applicability.<Applicability>find("tenant = ?1 and requirementId = ?2", caller.tenant(), requirementId)
                .firstResult();
    }

    private static void requireWritable(Framework framework) {
        if (framework.retired()) {
            throw ProblemException.conflict("framework " + framework.id + " is retired and read-only");
        }
    }

    private static Requirement topAncestor(Requirement r, Map<String, Requirement> byCode) {
        Requirement current = r;
        // Bounded by the number of requirements so that a malformed parent chain cannot loop forever.
        for (int depth = 0; depth < byCode.size() && current.parentCode != null; depth++) {
            Requirement parent = byCode.get(current.parentCode);
            if (parent == null) {
                break;
            }
            current = parent;
        }
        return current;
    }

    private static ApplicabilityView defaultView(Requirement r) {
        return new ApplicabilityView(
                r.frameworkId, r.code, true, null, ImplementationStatus.NOT_STARTED.toString(), null, null, null, null);
    }

    private static ApplicabilityView view(Requirement r, Applicability a) {
        return new ApplicabilityView(
                r.frameworkId,
                r.code,
                a.applicable,
                a.justification,
                a.status,
                a.owner,
                a.targetDate,
                a.updatedBy,
                a.updatedAt);
    }
}
