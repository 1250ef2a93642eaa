package org.compliancesuite.catalog.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.compliancesuite.catalog.framework.Requirement;

/**
 * Reads mappings both ways. A tenant sees the built-in mappings and the mappings of its own active custom
 * frameworks; every query joins on the indexed {@code control_mapping.requirement_id} and
 * {@code requirement (framework_id, code)} keys.
 */
@ApplicationScoped
public class MappingQuery {

    private static final String VISIBLE = " and (m.tenant is null or m.tenant = :tenant)"
            + " and r.frameworkId in (select f.id from Framework f where f.status = 'active')";

    @Inject
    EntityManager em;

    /** The mappings of one control, in framework and catalog order. */
    public List<MappingView> ofControl(String controlId, String tenant) {
        return em
                .createQuery(
                        "select r.frameworkId, r.code, m.relationship, m.rationale from ControlMapping m, Requirement r"
                                + " where r.id = m.requirementId and m.controlId = :control" + VISIBLE
                                + " order by r.frameworkId, r.position",
                        Object[].class)
                .setParameter("control", controlId)
                .setParameter("tenant", tenant)
                .getResultList()
                .stream()
                .map(row -> new MappingView((String) row[0], (String) row[1], (String) row[2], (String) row[3]))
                .toList();
    }

    /** Mapping counts per control id. */
    public Map<String, Long> countsPerControl(String tenant) {
        Map<String, Long> counts = new LinkedHashMap<>();
        em.createQuery(
                        "select m.controlId, count(m) from ControlMapping m, Requirement r where r.id = m.requirementId"
                                + VISIBLE + " group by m.controlId",
                        Object[].class)
                .setParameter("tenant", tenant)
                .getResultList()
                .forEach(row -> counts.put((String) row[0], (Long) row[1]));
        return counts;
    }

    /** The controls covering one requirement. */
    public List<RequirementControlView> ofRequirement(UUID requirementId, String tenant) {
        return em
                .createQuery(
                        "select c.id, c.title, c.evidenceFrequency, m.relationship, m.rationale"
                                + " from ControlMapping m, CommonControl c where c.id = m.controlId"
                                + " and m.requirementId = :requirement and (m.tenant is null or m.tenant = :tenant)"
                                + " order by c.position",
                        Object[].class)
                .setParameter("requirement", requirementId)
                .setParameter("tenant", tenant)
                .getResultList()
                .stream()
                .map(row -> new RequirementControlView(
                        (String) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4]))
                .toList();
    }

    /** For each requirement code of a framework, the ids of the controls mapped to it (codes without any omitted). */
    public Map<String, Set<String>> controlsByRequirement(String frameworkId, String tenant) {
        Map<String, Set<String>> result = new LinkedHashMap<>();
        em.createQuery(
                        "select r.code, m.controlId from ControlMapping m, Requirement r where r.id = m.requirementId"
                                + " and r.frameworkId = :framework and (m.tenant is null or m.tenant = :tenant)"
                                + " order by r.position, m.controlId",
                        Object[].class)
                .setParameter("framework", frameworkId)
                .setParameter("tenant", tenant)
                .getResultList()
                .forEach(row -> result.computeIfAbsent((String) row[0], k -> new LinkedHashSet<>())
                        .add((String) row[1]));
        return result;
    }

    /** Coverage of one framework's assessable requirements by another framework, through shared controls. */
    public CoverageView coverage(String frameworkId, String byFrameworkId, String tenant) {
        Map<String, Set<String>> target = controlsByRequirement(frameworkId, tenant);
        Map<String, Set<String>> requirementsByControl = new LinkedHashMap<>();
        controlsByRequirement(byFrameworkId, tenant)
                .forEach((code, controls) -> controls.forEach(control -> requirementsByControl
                        .computeIfAbsent(control, k -> new TreeSet<>())
                        .add(code)));

        List<CoverageView.Item> items = new ArrayList<>();
        int covered = 0;
        for (Requirement r : Requirement.<Requirement>list(
                "frameworkId = ?1 and assessable = true order by position", frameworkId)) {
            Set<String> shared = new TreeSet<>(target.getOrDefault(r.code, Set.of()));
            shared.retainAll(requirementsByControl.keySet());
            Set<String> byCodes = new TreeSet<>();
            shared.forEach(control -> byCodes.addAll(requirementsByControl.get(control)));
            if (!shared.isEmpty()) {
                covered++;
            }
            items.add(new CoverageView.Item(
                    r.code, r.title, !shared.isEmpty(), List.copyOf(shared), List.copyOf(byCodes)));
        }
        double percent = items.isEmpty() ? 0.0 : Math.round(1000.0 * covered / items.size()) / 10.0;
        return new CoverageView(frameworkId, byFrameworkId, items.size(), covered, percent, items);
    }
}
