package org.compliancesuite.catalog;

import static org.compliancesuite.catalog.Api.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.compliancesuite.catalog.control.ControlMapping;
import org.compliancesuite.catalog.framework.Requirement;
import org.junit.jupiter.api.Test;

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
