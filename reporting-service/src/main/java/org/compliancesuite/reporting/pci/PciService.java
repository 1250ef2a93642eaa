package org.compliancesuite.reporting.pci;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.compliancesuite.reporting.pci.PciReport.PciChecklistRow;
import org.compliancesuite.reporting.pci.PciReport.PrincipalRequirement;
import org.compliancesuite.reporting.scoring.RequirementCoverage;
import org.compliancesuite.reporting.upstream.CatalogRecords.ChecklistItem;
import org.compliancesuite.reporting.upstream.CatalogRecords.RequirementDetail;
import org.compliancesuite.reporting.upstream.EvidenceRecords.ControlFreshness;
import org.compliancesuite.reporting.upstream.Sources;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Rolls the PCI DSS checklist up to its twelve principal requirements. */
@RequestScoped
public class PciService {

    @Inject
    Sources sources;

    @ConfigProperty(name = "reporting.frameworks.pci-dss")
    String frameworkId;

    public PciReport report() {
        Map<String, ControlFreshness> freshness = sources.freshness();
        List<ChecklistItem> items = sources.checklist(frameworkId).itemsOrEmpty();
        Map<String, String> titles = new LinkedHashMap<>();
        items.forEach(i -> titles.put(i.code(), i.title()));

        List<PciChecklistRow> rows = new ArrayList<>();
        Map<String, List<PciChecklistRow>> byPrincipal = new LinkedHashMap<>();
        for (ChecklistItem item : items) {
            RequirementCoverage coverage = RequirementCoverage.of(item, freshness);
            String principal = principalOf(item.code());
            PciChecklistRow row = new PciChecklistRow(
                    item.code(),
                    item.title(),
                    principal,
                    item.isApplicable(),
                    item.isApplicable() ? (item.status() == null ? "not-started" : item.status()) : "not-applicable",
                    item.owner(),
                    item.targetDate(),
                    coverage.controlIds(),
                    coverage.evidenceIds(),
                    !coverage.freshControlIds().isEmpty());
            rows.add(row);
            byPrincipal.computeIfAbsent(principal, k -> new ArrayList<>()).add(row);
        }

        List<PrincipalRequirement> principals = byPrincipal.entrySet().stream()
                .sorted(Comparator.comparing(e -> order(e.getKey())))
                .map(e -> principal(e.getKey(), title(e.getKey(), titles), e.getValue()))
                .toList();
        return new PciReport(frameworkId, sources.asOf(), principals, rows);
    }

    /** PCI DSS numbers sub-requirements under their principal requirement: {@code 8.4.2} belongs to 8. */
    static String principalOf(String code) {
        int dot = code.indexOf('.');
        return dot < 0 ? code : code.substring(0, dot);
    }

    private String title(String principal, Map<String, String> titles) {
        if (titles.containsKey(principal)) {
            return titles.get(principal);
        }
        RequirementDetail detail = sources.requirementOrNull(frameworkId, principal);
        return detail == null ? null : detail.title();
    }

    private static PrincipalRequirement principal(String number, String title, List<PciChecklistRow> rows) {
        List<PciChecklistRow> applicable =
                rows.stream().filter(PciChecklistRow::applicable).toList();
        int implemented = count(applicable, "implemented");
        int notStarted = count(applicable, "not-started");
        String status;
        if (applicable.isEmpty()) {
            status = "not-applicable";
        } else if (implemented == applicable.size()) {
            status = "implemented";
        } else if (notStarted == applicable.size()) {
            status = "not-started";
        } else {
            status = "partial";
        }
        return new PrincipalRequirement(
                number,
                title,
                status,
                applicable.size(),
                implemented,
                count(applicable, "partial"),
                count(applicable, "planned"),
                notStarted,
                rows.size() - applicable.size(),
                (int) applicable.stream().filter(PciChecklistRow::evidenceFresh).count());
    }

    private static int count(List<PciChecklistRow> rows, String status) {
        return (int) rows.stream().filter(r -> status.equals(r.status())).count();
    }

    private static int order(String principal) {
        try {
            return Integer.parseInt(principal);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
