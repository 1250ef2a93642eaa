package org.compliancesuite.catalog;

import static org.compliancesuite.catalog.Api.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.compliancesuite.catalog.control.ControlMapping;
import org.compliancesuite.catalog.framework.Requirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pins the built-in content by count and by sample identifiers, and proves the common controls reach it all. */
@QuarkusTest
class CatalogContentTest {

    @Test
    void iso27001HasClausesFourToTenAndTheNinetyThreeAnnexAControls() {
        List<Requirement> iso = requirements("iso27001-2022");
        assertThat(codes(iso, "clause"), equalTo(List.of("4", "5", "6", "7", "8", "9", "10")));
        assertThat(codes(iso, "control").size(), is(93));
        assertThat(codes(iso, "theme"), equalTo(List.of("A.5", "A.6", "A.7", "A.8")));
        assertThat(children(iso, "A.5"), equalTo(range("A.5.", 37)));
        assertThat(children(iso, "A.6"), equalTo(range("A.6.", 8)));
        assertThat(children(iso, "A.7"), equalTo(range("A.7.", 14)));
        assertThat(children(iso, "A.8"), equalTo(range("A.8.", 34)));
        assertThat(codes(iso, "clause-requirement"), hasItems("4.1", "6.1.3", "6.3", "9.3.3", "10.2"));
        // 6.1, 7.5, 9.2 and 9.3 group their sub-clauses and are not assessed on their own.
        assertThat(
                iso.stream()
                        .filter(r -> !r.assessable && r.kind.equals("clause-requirement"))
                        .map(r -> r.code)
                        .toList(),
                equalTo(List.of("6.1", "7.5", "9.2", "9.3")));
        as("acme", "auditor")
                .when()
                .get("/api/v1/frameworks/iso27001-2022/requirements/A.8.24")
                .then()
                .statusCode(200)
                .body("title", equalTo("Use of cryptography"))
                .body("parentCode", equalTo("A.8"));
    }

    @Test
    void pciDss401HasTheTwelvePrincipalRequirementsAndTheirSections() {
        List<Requirement> pci = requirements("pci-dss-4.0.1");
        assertThat(codes(pci, "principal-requirement"), equalTo(range("", 12)));
        List<String> sections = codes(pci, "section");
        assertThat(sections.size(), is(63));
        assertThat(sections, hasItems("1.1", "1.5", "3.7", "6.5", "8.6", "10.7", "11.6", "12.10"));
        assertThat(children(pci, "12"), equalTo(range("12.", 10)));
        assertThat(
                codes(pci, "defined-requirement"),
                hasItems("8.3.6", "8.4.1", "8.4.2", "8.4.3", "10.5.1", "3.7.4", "4.2.1", "11.3.1", "12.6.3"));
        assertThat(children(pci, "8.4"), equalTo(List.of("8.4.1", "8.4.2", "8.4.3")));
    }

    @Test
    void hipaaSecurityMarksEachImplementationSpecificationRequiredOrAddressable() {
        List<Requirement> hipaa = requirements("hipaa-security");
        assertThat(codes(hipaa, "section"), equalTo(List.of("164.308", "164.310", "164.312", "164.314", "164.316")));
        assertThat(codes(hipaa, "standard").size(), is(22));
        assertThat(codes(hipaa, "implementation-specification").size(), is(43));
        assertThat(required(hipaa, "164.308(a)(1)(ii)(A)"), is(true));
        assertThat(required(hipaa, "164.308(a)(5)(ii)(D)"), is(false));
        assertThat(required(hipaa, "164.312(a)(2)(i)"), is(true));
        assertThat(required(hipaa, "164.312(a)(2)(iv)"), is(false));
        assertThat(required(hipaa, "164.312(e)(2)(ii)"), is(false));
        assertThat(required(hipaa, "164.310(d)(2)(i)"), is(true));
        assertThat(required(hipaa, "164.316(b)(2)(i)"), is(true));
        assertThat(
                children(hipaa, "164.312"),
                equalTo(List.of("164.312(a)(1)", "164.312(b)", "164.312(c)(1)", "164.312(d)", "164.312(e)(1)")));
    }

    @Test
    void hipaaBreachCoversSections400To414() {
        List<Requirement> breach = requirements("hipaa-breach");
        assertThat(
                codes(breach, "section"),
                equalTo(List.of(
                        "164.400", "164.402", "164.404", "164.406", "164.408", "164.410", "164.412", "164.414")));
        assertThat(children(breach, "164.404"), hasItems("164.404(a)", "164.404(b)", "164.404(c)", "164.404(d)"));
    }

    @Test
    void soc2HasThirtyThreeCommonCriteriaAndTheOtherCategories() {
        List<Requirement> soc2 = requirements("soc2-2017");
        assertThat(codes(soc2, "category"), equalTo(List.of("CC", "A", "C", "PI", "P")));
        List<String> criteria = codes(soc2, "criterion");
        assertThat(criteria.stream().filter(c -> c.startsWith("CC")).count(), is(33L));
        assertThat(criteria.stream().filter(c -> c.startsWith("A1.")).toList(), equalTo(range("A1.", 3)));
        assertThat(criteria.stream().filter(c -> c.startsWith("C1.")).toList(), equalTo(range("C1.", 2)));
        assertThat(criteria.stream().filter(c -> c.startsWith("PI1.")).toList(), equalTo(range("PI1.", 5)));
        assertThat(criteria.stream().filter(c -> c.matches("P\\d\\..*")).count(), is(18L));
        assertThat(criteria, hasItems("CC1.1", "CC6.8", "CC9.2", "P1.1", "P8.1"));
        assertThat(children(soc2, "CC6"), equalTo(range("CC6.", 8)));
    }

    @Test
    void everyAnnexAControlPciRequirementHipaaStandardAndSoc2CommonCriterionIsReachedByACommonControl() {
        Set<String> mapped = Api.db(() -> ControlMapping.<ControlMapping>list("tenant is null").stream()
                .map(m -> Requirement.<Requirement>findById(m.requirementId))
                .map(r -> r.frameworkId + " " + r.code)
                .collect(Collectors.toSet()));

        List<String> missing = new ArrayList<>();
        for (Requirement r : requirements("iso27001-2022")) {
            if (r.kind.equals("control") && !mapped.contains("iso27001-2022 " + r.code)) {
                missing.add(r.code);
            }
        }
        for (Requirement r : requirements("pci-dss-4.0.1")) {
            boolean reached = mapped.stream()
                    .anyMatch(
                            m -> m.equals("pci-dss-4.0.1 " + r.code) || m.startsWith("pci-dss-4.0.1 " + r.code + "."));
            if (r.kind.equals("principal-requirement") && !reached) {
                missing.add(r.code);
            }
        }
        List<Requirement> hipaa = requirements("hipaa-security");
        for (Requirement standard : hipaa) {
            boolean reached = hipaa.stream()
                    .filter(r -> r.code.equals(standard.code) || standard.code.equals(r.parentCode))
                    .anyMatch(r -> mapped.contains("hipaa-security " + r.code));
            if (standard.kind.equals("standard") && !reached) {
                missing.add(standard.code);
            }
        }
        for (Requirement r : requirements("soc2-2017")) {
            if (r.kind.equals("criterion") && r.code.startsWith("CC") && !mapped.contains("soc2-2017 " + r.code)) {
                missing.add(r.code);
            }
        }
        assertThat(missing, empty());
    }

    @Test
    void commonControlsCarryTheIdsTheOtherServicesLinkTo() {
        List<String> ids = as("acme", "auditor")
                .queryParam("size", 100)
                .when()
                .get("/api/v1/controls")
                .then()
                .statusCode(200)
                .body("total", equalTo(38))
                .extract()
                .path("items.id");
        assertThat(
                ids,
                hasItems(
                        "mfa",
                        "encryption-at-rest",
                        "tls",
                        "audit-logging",
                        "access-review",
                        "key-management",
                        "vulnerability-scanning",
                        "incident-response",
                        "backup",
                        "security-training"));
        Set<String> relationships = Api.db(() -> ControlMapping.<ControlMapping>listAll().stream()
                .map(m -> m.relationship)
                .collect(Collectors.toSet()));
        assertThat(relationships, equalTo(Set.of("equal", "subset", "superset", "intersect")));
    }

    /**
     * NIST IR 8477 set-theory relationships, read "control RELATIONSHIP requirement": equal means the two cover the
     * same ground. Two different requirements of one framework are never the same ground, so a control can be equal
     * to at most one of them; a broad control is the superset of each narrow requirement it meets.
     */
    @Test
    void noCommonControlIsEqualToTwoRequirementsOfTheSameFramework() {
        Map<String, Set<String>> equalTo = new TreeMap<>();
        builtInMappings().forEach(m -> {
            if (m.relationship().equals("equal")) {
                equalTo.computeIfAbsent(m.controlId() + " in " + m.frameworkId(), k -> new TreeSet<>())
                        .add(m.code());
            }
        });
        Map<String, Set<String>> violations = new TreeMap<>();
        equalTo.forEach((key, codes) -> {
            if (codes.size() > 1) {
                violations.put(key, codes);
            }
        });
        assertThat(violations.toString(), violations.isEmpty(), is(true));
    }

    @Test
    void equalIsTheExceptionAndEveryMappingCarriesARationale() {
        List<BuiltInMapping> mappings = builtInMappings();
        Map<String, Long> byRelationship =
                mappings.stream().collect(Collectors.groupingBy(BuiltInMapping::relationship, Collectors.counting()));
        // A common control is written once for several frameworks, so it rarely coincides with one requirement.
        assertThat(byRelationship.get("equal") * 10 < mappings.size(), is(true));
        assertThat(mappings.stream().filter(m -> m.rationale().isBlank()).toList(), empty());
    }

    @ParameterizedTest(name = "{0} {3} {1} {2}")
    @CsvSource({
        "mfa, pci-dss-4.0.1, 8.4, superset",
        "mfa, pci-dss-4.0.1, 8.4.1, superset",
        "mfa, pci-dss-4.0.1, 8.4.2, superset",
        "mfa, hipaa-security, 164.312(d), superset",
        "mfa, soc2-2017, CC6.1, subset",
        "audit-logging, iso27001-2022, A.8.15, intersect",
        "audit-logging, iso27001-2022, A.8.17, superset",
        "audit-logging, pci-dss-4.0.1, 10.5.1, superset",
        "audit-logging, hipaa-security, 164.312(b), intersect",
        "security-governance, iso27001-2022, 4.4, subset",
        "security-governance, iso27001-2022, 9.3.1, superset",
        "tls, soc2-2017, CC6.7, subset",
        "key-management, pci-dss-4.0.1, 3.7, subset",
        "key-management, pci-dss-4.0.1, 3.7.4, superset",
        "vendor-management, soc2-2017, CC9.2, equal",
        "vendor-management, iso27001-2022, A.5.23, intersect",
        "change-management, soc2-2017, CC8.1, equal",
        "backup, iso27001-2022, A.8.13, equal",
        "breach-notification, hipaa-breach, 164.404(b), superset"
    })
    void pinsClassifiedMappings(String control, String framework, String code, String relationship) {
        List<BuiltInMapping> found = builtInMappings().stream()
                .filter(m -> m.controlId().equals(control)
                        && m.frameworkId().equals(framework)
                        && m.code().equals(code))
                .toList();
        assertThat(found.size(), is(1));
        assertThat(found.getFirst().relationship(), equalTo(relationship));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "iso27001-2022 | A.5.23 | Security for cloud services",
                "iso27001-2022 | A.8.28 | Secure coding",
                "iso27001-2022 | A.8.34 | Protecting systems during audit testing",
                "iso27001-2022 | A.5.7 | Threat intelligence",
                "iso27001-2022 | 6.1.3 | Risk treatment process and Statement of Applicability",
                "soc2-2017 | CC9.2 | Vendor and business partner risks assessed and managed",
                "soc2-2017 | CC6.1 | Logical access security over protected information assets",
                "soc2-2017 | A1.2 | Environmental protections, backups and recovery infrastructure",
                "pci-dss-4.0.1 | 8.3.6 | Passwords at least 12 characters with letters and digits",
                "pci-dss-4.0.1 | 10.5.1 | Audit logs kept at least 12 months, the latest three months at hand",
                "pci-dss-4.0.1 | 8.4.2 | MFA for all access into the CDE",
                "pci-dss-4.0.1 | 12.10 | Suspected and confirmed security incidents answered immediately",
                "hipaa-security | 164.312(b) | Audit controls",
                "hipaa-security | 164.308(a)(1)(ii)(A) | Risk analysis",
                "hipaa-security | 164.312(a)(2)(iv) | Encryption and decryption",
                "hipaa-breach | 164.404(b) | Without unreasonable delay, at most 60 days after discovery"
            })
    void pinsTitles(String framework, String code, String title) {
        as("acme", "auditor")
                .when()
                .get("/api/v1/frameworks/" + framework + "/requirements/" + code)
                .then()
                .statusCode(200)
                .body("title", equalTo(title));
    }

    /**
     * 45 CFR 164.306(d): each implementation specification is Required or Addressable; a standard without
     * implementation specifications is itself required. The boolean {@code required} agrees with the designation.
     */
    @Test
    void hipaaImplementationSpecificationsAreRequiredOrAddressable() {
        List<Requirement> hipaa = requirements("hipaa-security");
        Set<String> parents = hipaa.stream().map(r -> r.parentCode).collect(Collectors.toSet());
        Map<String, Long> designations = new HashMap<>();
        for (Requirement r : hipaa) {
            switch (r.kind) {
                case "implementation-specification" -> {
                    assertThat(r.code, r.implementation, equalTo(r.required ? "required" : "addressable"));
                    designations.merge(r.implementation, 1L, Long::sum);
                }
                case "standard" ->
                    assertThat(r.code, r.implementation, equalTo(parents.contains(r.code) ? null : "required"));
                default -> assertThat(r.code, r.implementation, equalTo(null));
            }
        }
        assertThat(designations, equalTo(Map.of("required", 21L, "addressable", 22L)));
        assertThat(
                requirements("hipaa-breach").stream()
                        .filter(r -> r.implementation != null)
                        .toList(),
                empty());

        as("acme", "auditor")
                .when()
                .get("/api/v1/frameworks/hipaa-security/requirements/164.312(a)(2)(iv)")
                .then()
                .statusCode(200)
                .body("required", equalTo(false))
                .body("implementation", equalTo("addressable"));
        as("acme", "auditor")
                .queryParam("parent", "164.312(a)(1)")
                .when()
                .get("/api/v1/frameworks/hipaa-security/requirements")
                .then()
                .statusCode(200)
                .body("items.find { it.code == '164.312(a)(2)(i)' }.implementation", equalTo("required"))
                .body("items.find { it.code == '164.312(a)(2)(iii)' }.implementation", equalTo("addressable"));
        as("acme", "auditor")
                .queryParam("parent", "164.312")
                .when()
                .get("/api/v1/frameworks/hipaa-security/requirements/tree")
                .then()
                .statusCode(200)
                .body("find { it.code == '164.312(b)' }.implementation", equalTo("required"))
                .body("find { it.code == '164.312(a)(1)' }.implementation", equalTo(null))
                .body(
                        "find { it.code == '164.312(e)(1)' }.children.find { it.code == '164.312(e)(2)(ii)' }"
                                + ".implementation",
                        equalTo("addressable"));
        as("acme", "auditor")
                .when()
                .get("/api/v1/frameworks/hipaa-security/checklist")
                .then()
                .statusCode(200)
                .body("items.find { it.code == '164.308(a)(5)(ii)(D)' }.implementation", equalTo("addressable"))
                .body("items.find { it.code == '164.316(b)(2)(i)' }.implementation", equalTo("required"));
    }

    /** Trust Services Criteria: every criterion belongs to one category; Security is always in scope. */
    @Test
    void soc2CriteriaCarryTheirCategoryAndSecurityIsAlwaysInScope() {
        Map<String, String> expected = Map.of(
                "CC", "security",
                "A", "availability",
                "PI", "processing-integrity",
                "C", "confidentiality",
                "P", "privacy");
        List<Requirement> soc2 = requirements("soc2-2017");
        Map<String, Requirement> byCode = soc2.stream().collect(Collectors.toMap(r -> r.code, r -> r));
        for (Requirement r : soc2) {
            Requirement top = r;
            while (top.parentCode != null) {
                top = byCode.get(top.parentCode);
            }
            assertThat(r.code, r.category, equalTo(expected.get(top.code)));
        }
        as("acme", "auditor")
                .when()
                .get("/api/v1/frameworks/soc2-2017")
                .then()
                .statusCode(200)
                .body(
                        "categories.id",
                        equalTo(List.of(
                                "security", "availability", "processing-integrity", "confidentiality", "privacy")))
                .body("categories.requirementCode", equalTo(List.of("CC", "A", "PI", "C", "P")))
                .body("categories.findAll { it.alwaysInScope }.id", equalTo(List.of("security")));
        as("acme", "auditor")
                .when()
                .get("/api/v1/frameworks/soc2-2017/requirements/PI1.3")
                .then()
                .statusCode(200)
                .body("category", equalTo("processing-integrity"));
        as("acme", "auditor")
                .when()
                .get("/api/v1/frameworks/soc2-2017/checklist")
                .then()
                .statusCode(200)
                .body("items.find { it.code == 'C1.2' }.category", equalTo("confidentiality"))
                .body("items.find { it.code == 'CC9.2' }.category", equalTo("security"));
        as("acme", "auditor")
                .when()
                .get("/api/v1/frameworks/iso27001-2022")
                .then()
                .statusCode(200)
                .body("categories", equalTo(null));
    }

    private record BuiltInMapping(
            String controlId, String frameworkId, String code, String relationship, String rationale) {}

    private static List<BuiltInMapping> builtInMappings() {
        return Api.db(() -> ControlMapping.getEntityManager()
                .createQuery(
                        "select m.controlId, r.frameworkId, r.code, m.relationship, m.rationale"
                                + " from ControlMapping m, Requirement r where r.id = m.requirementId"
                                + " and m.tenant is null",
                        Object[].class)
                .getResultList()
                .stream()
                .map(row -> new BuiltInMapping(
                        (String) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4]))
                .toList());
    }

    private static List<Requirement> requirements(String framework) {
        return Api.db(() -> Requirement.ofFramework(framework));
    }

    private static List<String> codes(List<Requirement> requirements, String kind) {
        return requirements.stream()
                .filter(r -> r.kind.equals(kind))
                .map(r -> r.code)
                .toList();
    }

    private static List<String> children(List<Requirement> requirements, String parent) {
        return requirements.stream()
                .filter(r -> parent.equals(r.parentCode))
                .map(r -> r.code)
                .toList();
    }

    private static boolean required(List<Requirement> requirements, String code) {
        return requirements.stream()
                .filter(r -> r.code.equals(code))
                .findFirst()
                .orElseThrow()
                .required;
    }

    private static List<String> range(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + i).toList();
    }
}
