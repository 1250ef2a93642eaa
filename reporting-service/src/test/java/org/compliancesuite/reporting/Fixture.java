package org.compliancesuite.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.reporting.upstream.UpstreamStub;
import org.compliancesuite.reporting.upstream.UpstreamStub.Reply;

/**
 * The records of one test tenant in the stubbed catalog, evidence and vault services, in the shapes of the README's
 * service contracts. Each test uses its own tenant, so fixtures never leak between tests (nor through the cache).
 */
public final class Fixture {

    public static final String CATALOG = "/catalog/api/v1";
    public static final String EVIDENCE = "/evidence/api/v1";
    public static final String VAULT = "/vault/api/v1";

    public final String tenant;
    private final Map<String, Map<String, Object>> evidencePages = new ConcurrentHashMap<>();
    private final Map<String, List<Map<String, Object>>> samples = new ConcurrentHashMap<>();

    private Fixture(String tenant) {
        this.tenant = tenant;
        frameworks();
        maturity();
        freshness();
        monitors();
        keys();
        UpstreamStub.on(
                tenant,
                EVIDENCE + "/evidence",
                q -> Reply.json(evidencePages.getOrDefault(
                        q.getOrDefault("state", "") + "|" + q.getOrDefault("control", ""), page(0))));
        UpstreamStub.on(
                tenant, EVIDENCE + "/samples", q -> Reply.json(samples.getOrDefault(q.get("controlId"), List.of())));
    }

    /** A new tenant with no records at all. */
    public static Fixture tenant(String prefix) {
        return new Fixture(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public String token(String... roles) {
        return TestTokens.token(tenant, roles);
    }

    @SafeVarargs
    public final Fixture frameworks(Map<String, Object>... frameworks) {
        UpstreamStub.json(tenant, CATALOG + "/frameworks", List.of(frameworks));
        for (Map<String, Object> f : frameworks) {
            UpstreamStub.json(tenant, CATALOG + "/frameworks/" + f.get("id"), f);
            checklist((String) f.get("id"));
            audits((String) f.get("id"));
        }
        return this;
    }

    @SafeVarargs
    public final Fixture checklist(String frameworkId, Map<String, Object>... items) {
        return checklist(frameworkId, List.of(items));
    }

    public Fixture checklist(String frameworkId, List<Map<String, Object>> items) {
        UpstreamStub.json(
                tenant,
                CATALOG + "/frameworks/" + frameworkId + "/checklist",
                Map.of("frameworkId", frameworkId, "items", items));
        return this;
    }

    @SafeVarargs
    public final Fixture audits(String frameworkId, Map<String, Object>... audits) {
        UpstreamStub.json(tenant, CATALOG + "/frameworks/" + frameworkId + "/audits", List.of(audits));
        return this;
    }

    @SafeVarargs
    public final Fixture maturity(Map<String, Object>... assessments) {
        UpstreamStub.json(tenant, CATALOG + "/maturity", List.of(assessments));
        return this;
    }

    @SafeVarargs
    public final Fixture freshness(Map<String, Object>... controls) {
        UpstreamStub.json(tenant, EVIDENCE + "/freshness/controls", List.of(controls));
        return this;
    }

    /** The page evidence-service answers for {@code state} (null for any) and {@code control} (null for any). */
    @SafeVarargs
    public final Fixture evidence(String state, String control, long total, Map<String, Object>... items) {
        evidencePages.put((state == null ? "" : state) + "|" + (control == null ? "" : control), page(total, items));
        return this;
    }

    @SafeVarargs
    public final Fixture monitors(Map<String, Object>... runs) {
        UpstreamStub.json(tenant, EVIDENCE + "/monitors/latest", List.of(runs));
        return this;
    }

    @SafeVarargs
    public final Fixture samples(String controlId, Map<String, Object>... drawn) {
        samples.put(controlId, List.of(drawn));
        return this;
    }

    @SafeVarargs
    public final Fixture keys(Map<String, Object>... keys) {
        UpstreamStub.json(tenant, VAULT + "/keys", List.of(keys));
        return this;
    }

    // ---- records in the contract shapes ----

    public static Map<String, Object> framework(String id, String name, Integer auditIntervalMonths) {
        return map(
                "id",
                id,
                "name",
                name,
                "version",
                "1",
                "builtIn",
                true,
                "scope",
                "scope of " + name,
                "auditType",
                "required",
                "auditFrequency",
                "annual",
                "auditIntervalMonths",
                auditIntervalMonths,
                "costMinUsd",
                10000,
                "costMaxUsd",
                50000,
                "requirementCount",
                10,
                "futureField",
                "ignored");
    }

    /** A checklist item; {@code status} not-applicable makes it excluded. */
    public static Map<String, Object> item(String code, String status, String... controlIds) {
        boolean applicable = !"not-applicable".equals(status);
        return map(
                "code",
                code,
                "title",
                "Requirement " + code,
                "parentCode",
                null,
                "group",
                null,
                "applicable",
                applicable,
                "justification",
                applicable ? "in scope" : "no such processing",
                "status",
                status,
                "owner",
                "owner-" + code,
                "targetDate",
                "2027-01-31",
                "controlIds",
                List.of(controlIds));
    }

    public static Map<String, Object> fresh(String controlId, String evidenceId, boolean fresh) {
        return fresh(controlId, evidenceId, fresh, 4, 1, 0);
    }

    /** A control's freshness summary with its counts per review state (accepted, rejected, pending). */
    public static Map<String, Object> fresh(
            String controlId, String evidenceId, boolean fresh, long accepted, long rejected, long pending) {
        return map(
                "controlId",
                controlId,
                "evidenceFrequency",
                "monthly",
                "latestAcceptedEvidenceId",
                evidenceId,
                "latestAcceptedCollectedAt",
                "2026-11-20T10:00:00Z",
                "freshUntil",
                fresh ? "2099-01-01T00:00:00Z" : "2026-01-01T00:00:00Z",
                "fresh",
                fresh,
                "acceptedCount",
                accepted,
                "rejectedCount",
                rejected,
                "pendingCount",
                pending);
    }

    public static Map<String, Object> evidenceItem(String id, String state, String... controls) {
        return evidenceItem(id, state, Instant.parse("2026-11-01T08:00:00Z"), controls);
    }

    public static Map<String, Object> evidenceItem(String id, String state, Instant collectedAt, String... controls) {
        return map(
                "id",
                id,
                "title",
                "Evidence " + id,
                "controlIds",
                List.of(controls),
                "requirementRefs",
                List.of(),
                "source",
                "manual",
                "state",
                state,
                "collectedAt",
                collectedAt.toString(),
                "sha256",
                "ab".repeat(32),
                "size",
                100,
                "mediaType",
                "application/pdf");
    }

    @SafeVarargs
    public static Map<String, Object> monitor(
            String monitor,
            String runId,
            boolean passed,
            Map<String, Object> figures,
            Map<String, Object>... findings) {
        return map(
                "monitor",
                monitor,
                "runId",
                runId,
                "evidenceId",
                "ev-" + runId,
                "ranAt",
                Instant.now().minusSeconds(3600).toString(),
                "passed",
                passed,
                "figures",
                figures,
                "findings",
                List.of(findings));
    }

    public static Map<String, Object> remediation(String id, String status, LocalDate due, Instant closedAt) {
        return map(
                "id",
                id,
                "description",
                "Fix " + id,
                "owner",
                "owner-" + id,
                "dueDate",
                due.toString(),
                "status",
                status,
                "closedAt",
                closedAt == null ? null : closedAt.toString());
    }

    @SafeVarargs
    public static Map<String, Object> maturityOf(
            String controlId, int current, int target, Map<String, Object>... remediation) {
        return maturityOf(controlId, current, target, Instant.parse("2026-10-01T09:00:00Z"), remediation);
    }

    /** A maturity assessment recorded at {@code assessedAt}, with the remediation items recorded with it. */
    @SafeVarargs
    public static Map<String, Object> maturityOf(
            String controlId, int current, int target, Instant assessedAt, Map<String, Object>... remediation) {
        return map(
                "controlId",
                controlId,
                "currentLevel",
                current,
                "targetLevel",
                target,
                "assessedAt",
                assessedAt.toString(),
                "assessedBy",
                "assessor",
                "gaps",
                List.of("gap of " + controlId),
                "remediation",
                List.of(remediation));
    }

    public static Map<String, Object> key(String name, int rotationDays, Instant latestCreated) {
        return map(
                "name",
                name,
                "purpose",
                "phi",
                "latestVersion",
                2,
                "minDecryptionVersion",
                1,
                "rotationPeriodDays",
                rotationDays,
                "autoRotate",
                true,
                "versions",
                List.of(
                        map(
                                "version",
                                1,
                                "createdAt",
                                latestCreated.minusSeconds(86_400L * 400).toString()),
                        map("version", 2, "createdAt", latestCreated.toString())));
    }

    @SafeVarargs
    public static Map<String, Object> page(long total, Map<String, Object>... items) {
        return map("items", Arrays.asList(items), "page", 0, "size", 50, "total", total);
    }

    /** The 93 ISO/IEC 27001:2022 Annex A controls: A.5.1-37, A.6.1-8, A.7.1-14, A.8.1-34, plus clause 4 to 10 items. */
    public static List<Map<String, Object>> annexA(java.util.function.Function<String, Map<String, Object>> item) {
        List<Map<String, Object>> items = new ArrayList<>();
        items.add(withGroup(item("4.1", "implemented"), "4"));
        int[][] themes = {{5, 37}, {6, 8}, {7, 14}, {8, 34}};
        for (int[] theme : themes) {
            for (int n = 1; n <= theme[1]; n++) {
                String code = "A." + theme[0] + "." + n;
                items.add(withGroup(item.apply(code), "A." + theme[0]));
            }
        }
        return items;
    }

    public static Map<String, Object> withGroup(Map<String, Object> item, String group) {
        Map<String, Object> copy = new LinkedHashMap<>(item);
        copy.put("group", group);
        return copy;
    }

    /** A map that keeps order and allows null values (unlike Map.of). */
    public static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
