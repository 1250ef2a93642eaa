package org.compliancesuite.catalog.custom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.compliancesuite.catalog.Refusals;
import org.compliancesuite.catalog.change.ChangeLog;
import org.compliancesuite.catalog.control.CommonControl;
import org.compliancesuite.catalog.control.ControlMapping;
import org.compliancesuite.catalog.control.MappingWriter;
import org.compliancesuite.catalog.framework.Framework;
import org.compliancesuite.catalog.framework.Requirement;
import org.compliancesuite.common.problem.Problem;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.common.security.Caller;

/**
 * A tenant's own frameworks: created whole (requirements and mappings in one request), versioned by copying, and
 * retired. Every request is checked completely before anything is stored, and runs in one transaction, so a refused
 * request leaves nothing behind.
 */
@ApplicationScoped
public class CustomFrameworkService {

    static final String DEFAULT_KIND = "requirement";
    private static final String CONTRADICTION =
            "must be true for an implementation that is required and false for one that is addressable";

    @Inject
    Caller caller;

    @Inject
    ChangeLog changes;

    @Inject
    MappingWriter mappings;

    /**
     * Creates a framework with its requirements and mappings. 409 for a name and version the tenant already has or a
     * code listed twice; 422 for a parent not listed before its child, a mapping to a code not in the request or to
     * an unknown control, and a cost range upside down.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Framework create(CustomFrameworkRequest request) {
        List<RequirementRequest> requirements = request.requirements() == null ? List.of() : request.requirements();
        List<RequirementMappingRequest> mappingRequests = request.mappings() == null ? List.of() : request.mappings();
        if (request.costMinUsd() != null
                && request.costMaxUsd() != null
                && request.costMaxUsd() < request.costMinUsd()) {
            throw ProblemException.unprocessable("costMaxUsd", "must not be below costMinUsd");
        }
        requireUniqueCodes(requirements.stream().map(RequirementRequest::code).toList());
        List<Problem.FieldViolation> errors = new ArrayList<>(checkParents(requirements));
        for (int i = 0; i < requirements.size(); i++) {
            if (requirements.get(i).contradictsImplementation()) {
                errors.add(new Problem.FieldViolation("requirements[" + i + "].required", CONTRADICTION));
            }
        }
        Set<String> codes = requirements.stream().map(RequirementRequest::code).collect(Collectors.toSet());
        Set<String> mapped = new HashSet<>();
        for (int i = 0; i < mappingRequests.size(); i++) {
            RequirementMappingRequest m = mappingRequests.get(i);
            if (!codes.contains(m.requirementCode())) {
                errors.add(new Problem.FieldViolation(
                        "mappings[" + i + "].requirementCode",
                        "no requirement " + m.requirementCode() + " in this request"));
            }
            if (CommonControl.findById(m.controlId()) == null) {
                errors.add(new Problem.FieldViolation(
                        "mappings[" + i + "].controlId", "no common control " + m.controlId()));
            }
            if (!mapped.add(m.controlId() + "\n" + m.requirementCode())) {
                throw ProblemException.conflict(
                        "control " + m.controlId() + " is mapped to " + m.requirementCode() + " more than once");
            }
        }
        if (!errors.isEmpty()) {
            throw Refusals.unprocessable(errors);
        }

        Instant now = Instant.now();
        Framework framework =
                newFramework(request.name().strip(), request.version().strip(), null, now);
        framework.description = request.description();
        framework.scope = request.scope();
        framework.auditType =
                request.auditType() == null ? null : request.auditType().toString();
        framework.auditFrequency = request.auditFrequency();
        framework.auditIntervalMonths = request.auditIntervalMonths();
        framework.costMinUsd = request.costMinUsd();
        framework.costMaxUsd = request.costMaxUsd();

        Set<String> parents = requirements.stream()
                .map(RequirementRequest::parentCode)
                .filter(p -> p != null)
                .collect(Collectors.toSet());
        Map<String, Requirement> stored = new HashMap<>();
        int position = 0;
        for (RequirementRequest r : requirements) {
            boolean assessable = r.assessable() != null ? r.assessable() : !parents.contains(r.code());
            stored.put(r.code(), newRequirement(framework, r, assessable, position++, null, null, now));
        }
        for (int i = 0; i < mappingRequests.size(); i++) {
            RequirementMappingRequest m = mappingRequests.get(i);
            mappings.add(
                    stored.get(m.requirementCode()),
                    m.controlId(),
                    m.relationship(),
                    m.rationale(),
                    "mappings[" + i + "].controlId",
                    now);
        }

        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("name", framework.name);
        detail.put("version", framework.version);
        detail.put("requirements", requirements.size());
        detail.put("mappings", mappingRequests.size());
        changes.record("framework", framework.id, "created", now, detail);
        return framework;
    }

    /** Copies a custom framework, its requirements and its mappings into a new version; the old one stays active. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Framework newVersion(String id, NewVersionRequest request) {
        Framework source = Framework.require(id, caller.tenant());
        if (source.builtIn()) {
            throw ProblemException.conflict(
                    "framework " + id + " is built-in; its versions come with the catalog content");
        }

        Instant now = Instant.now();
        String version = request.version().strip();
        Framework copy = newFramework(source.name, version, newVersionOscal(source.oscal, version, now), now);
        copy.description = source.description;
        copy.scope = source.scope;
        copy.auditType = source.auditType;
        copy.auditFrequency = source.auditFrequency;
        copy.auditIntervalMonths = source.auditIntervalMonths;
        copy.costMinUsd = source.costMinUsd;
        copy.costMaxUsd = source.costMaxUsd;
        copy.previousVersionId = source.id;

        Map<UUID, Requirement> copies = new HashMap<>();
        for (Requirement r : Requirement.ofFramework(source.id)) {
            Requirement c = new Requirement();
            c.id = UUID.randomUUID();
            c.frameworkId = copy.id;
            c.code = r.code;
            c.title = r.title;
            c.description = r.description;
            c.parentCode = r.parentCode;
            c.kind = r.kind;
            c.required = r.required;
            c.implementation = r.implementation;
            c.category = r.category;
            c.assessable = r.assessable;
            c.position = r.position;
            c.oscalId = r.oscalId;
            c.oscal = r.oscal;
            c.createdAt = now;
            c.createdBy = caller.subject();
            c.persist();
            copies.put(r.id, c);
        }
        List<ControlMapping> sourceMappings =
                copies.isEmpty() ? List.of() : ControlMapping.list("requirementId in ?1", List.copyOf(copies.keySet()));
        for (ControlMapping m : sourceMappings) {
            ControlMapping c = new ControlMapping();
            c.id = UUID.randomUUID();
            c.controlId = m.controlId;
            c.requirementId = copies.get(m.requirementId).id;
            c.tenant = caller.tenant();
            c.relationship = m.relationship;
            c.rationale = m.rationale;
            c.createdAt = now;
            c.createdBy = caller.subject();
            c.persist();
        }

        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("previousVersionId", source.id);
        detail.put("version", copy.version);
        detail.put("requirements", copies.size());
        detail.put("mappings", sourceMappings.size());
        changes.record("framework", copy.id, "versioned", now, detail);
        return copy;
    }

    /**
     * The kept OSCAL content of an imported catalog, for a new version of it. An OSCAL document's uuid names one
     * revision of one document and its metadata carries the version and the time of the last change, so the new
     * version gets a uuid of its own, its version label and the time it was made; metadata, params and back-matter
     * are otherwise kept.
     */
    static JsonNode newVersionOscal(JsonNode kept, String version, Instant at) {
        if (kept == null) {
            return null;
        }
        ObjectNode copy = kept.deepCopy();
        copy.put("uuid", UUID.randomUUID().toString());
        if (copy.get("metadata") instanceof ObjectNode metadata) {
            metadata.put("version", version);
            metadata.put("last-modified", at.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        return copy;
    }

    /** Retires a custom framework: it stays readable (and listed with includeRetired) but accepts no changes. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Framework retire(String id) {
        Framework framework = Framework.requireEditable(id, caller.tenant());
        Instant now = Instant.now();
        framework.status = Framework.RETIRED;
        framework.retiredAt = now;
        framework.retiredBy = caller.subject();
        changes.record("framework", id, "retired", now, Map.of("name", framework.name, "version", framework.version));
        return framework;
    }

    /** Adds one requirement to an active custom framework; 409 for an existing code, 422 for an unknown parent. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Requirement addRequirement(String id, RequirementRequest request) {
        Framework framework = Framework.requireEditable(id, caller.tenant());
        if (request.contradictsImplementation()) {
            throw ProblemException.unprocessable("required", CONTRADICTION);
        }
        if (Requirement.count("frameworkId = ?1 and code = ?2", id, request.code()) > 0) {
            throw ProblemException.conflict("framework " + id + " already has a requirement " + request.code());
        }
        if (request.parentCode() != null
                && Requirement.count("frameworkId = ?1 and code = ?2", id, request.parentCode()) == 0) {
            throw ProblemException.unprocessable(
                    "parentCode", "no requirement " + request.parentCode() + " in framework " + id);
        }

        Instant now = Instant.now();
        Integer last = Requirement.getEntityManager()
                .createQuery("select max(r.position) from Requirement r where r.frameworkId = :id", Integer.class)
                .setParameter("id", id)
                .getSingleResult();
        Requirement requirement = newRequirement(
                framework,
                request,
                request.assessable() == null || request.assessable(),
                last == null ? 0 : last + 1,
                null,
                null,
                now);

        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("frameworkId", id);
        detail.put("code", requirement.code);
        detail.put("title", requirement.title);
        changes.record("requirement", id + ":" + requirement.code, "created", now, detail);
        return requirement;
    }

    /** The versions of a framework from the first to the newest. */
    public List<Framework> lineage(String id) {
        Framework framework = Framework.require(id, caller.tenant());
        List<Framework> older = new ArrayList<>();
        Framework current = framework;
        Set<String> seen = new HashSet<>();
        while (current.previousVersionId != null && seen.add(current.id)) {
            current = Framework.require(current.previousVersionId, caller.tenant());
            older.addFirst(current);
        }
        List<Framework> lineage = new ArrayList<>(older);
        lineage.add(framework);
        Set<String> known = new HashSet<>(lineage.stream().map(f -> f.id).toList());
        String newest = framework.id;
        while (true) {
            Framework next = Framework.<Framework>find(
                            "previousVersionId = ?1 and tenant = ?2 order by createdAt", newest, caller.tenant())
                    .firstResult();
            if (next == null || !known.add(next.id)) {
                return lineage;
            }
            lineage.add(next);
            newest = next.id;
        }
    }

    /** Stores a new custom framework of the caller's tenant; 409 when the tenant has that name and version. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Framework newFramework(String name, String version, JsonNode oscal, Instant at) {
        if (Framework.count("tenant = ?1 and lower(name) = lower(?2) and version = ?3", caller.tenant(), name, version)
                > 0) {
            throw ProblemException.conflict("the tenant already has framework " + name + " version " + version);
        }
        Framework framework = new Framework();
        framework.id = UUID.randomUUID().toString();
        framework.tenant = caller.tenant();
        framework.name = name;
        framework.version = version;
        framework.oscal = oscal;
        framework.createdAt = at;
        framework.createdBy = caller.subject();
        framework.persist();
        return framework;
    }

    /** Stores one requirement of a custom framework. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Requirement newRequirement(
            Framework framework,
            RequirementRequest request,
            boolean assessable,
            int position,
            String oscalId,
            JsonNode oscal,
            Instant at) {
        Requirement r = new Requirement();
        r.id = UUID.randomUUID();
        r.frameworkId = framework.id;
        r.code = request.code();
        r.title = request.title().strip();
        r.description = request.description();
        r.parentCode = request.parentCode();
        r.kind = request.kind() == null || request.kind().isBlank()
                ? DEFAULT_KIND
                : request.kind().strip();
        r.required = request.requiredOrDefault();
        r.implementation = request.implementation() == null
                ? null
                : request.implementation().toString();
        r.category = request.category();
        r.assessable = assessable;
        r.position = position;
        r.oscalId = oscalId;
        r.oscal = oscal;
        r.createdAt = at;
        r.createdBy = caller.subject();
        r.persist();
        return r;
    }

    /** 409 when a code appears more than once. */
    public static void requireUniqueCodes(List<String> codes) {
        Set<String> seen = new HashSet<>();
        List<String> duplicates =
                codes.stream().filter(c -> !seen.add(c)).distinct().toList();
        if (!duplicates.isEmpty()) {
            throw ProblemException.conflict("codes listed more than once: " + String.join(", ", duplicates));
        }
    }

    private static List<Problem.FieldViolation> checkParents(List<RequirementRequest> requirements) {
        List<Problem.FieldViolation> errors = new ArrayList<>();
        Set<String> before = new HashSet<>();
        for (int i = 0; i < requirements.size(); i++) {
            RequirementRequest r = requirements.get(i);
            if (r.parentCode() != null && !before.contains(r.parentCode())) {
                errors.add(new Problem.FieldViolation(
                        "requirements[" + i + "].parentCode",
                        "must name a requirement listed before this one: " + r.parentCode()));
            }
            before.add(r.code());
        }
        return errors;
    }
}
