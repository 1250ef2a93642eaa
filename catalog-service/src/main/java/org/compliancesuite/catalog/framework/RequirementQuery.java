package org.compliancesuite.catalog.framework;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.compliancesuite.catalog.Page;

/**
 * Reads requirements: paged lists with parent and text filters, trees, and counts. Text search is a case-insensitive
 * "contains" over code and title, served by the trigram indexes on {@code lower(code)} and {@code lower(title)}.
 */
@ApplicationScoped
public class RequirementQuery {

    /** A framework's requirements in catalog order, filtered by parent code and text when given. */
    public Page<Requirement> list(String frameworkId, String parentCode, String text, int page, int size) {
        StringBuilder where = new StringBuilder("frameworkId = :framework");
        Parameters params = Parameters.with("framework", frameworkId);
        if (parentCode != null) {
            where.append(" and parentCode = :parent");
            params.and("parent", parentCode);
        }
        appendText(where, params, text);
        return page(Requirement.find(where + " order by position", params), page, size);
    }

    /** Requirements of every framework the tenant can see whose code or title contains the text. */
    public Page<Requirement> search(String tenant, String frameworkId, String text, int page, int size) {
        StringBuilder where = new StringBuilder(
                "frameworkId in (select f.id from Framework f where (f.tenant is null or f.tenant = :tenant)"
                        + " and f.status = 'active')");
        Parameters params = Parameters.with("tenant", tenant);
        if (frameworkId != null) {
            where.append(" and frameworkId = :framework");
            params.and("framework", frameworkId);
        }
        appendText(where, params, text);
        return page(Requirement.find(where + " order by frameworkId, position", params), page, size);
    }

    /** The requirement tree of a framework, or the subtree under one code. */
    public List<RequirementNode> tree(String frameworkId, String rootCode) {
        List<Requirement> all = Requirement.ofFramework(frameworkId);
        Map<String, List<Requirement>> children = new HashMap<>();
        for (Requirement r : all) {
            children.computeIfAbsent(r.parentCode, k -> new ArrayList<>()).add(r);
        }
        return children.getOrDefault(rootCode, List.of()).stream()
                .map(r -> node(r, children))
                .toList();
    }

    /** Requirement counts per framework id. */
    public Map<String, Long> counts(List<String> frameworkIds) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (frameworkIds.isEmpty()) {
            return counts;
        }
        List<Object[]> rows = Requirement.getEntityManager()
                .createQuery(
                        "select r.frameworkId, count(r) from Requirement r where r.frameworkId in :ids"
                                + " group by r.frameworkId",
                        Object[].class)
                .setParameter("ids", frameworkIds)
                .getResultList();
        for (Object[] row : rows) {
            counts.put((String) row[0], (Long) row[1]);
        }
        return counts;
    }

    private static RequirementNode node(Requirement r, Map<String, List<Requirement>> children) {
        List<RequirementNode> kids = children.getOrDefault(r.code, List.of()).stream()
                .map(c -> node(c, children))
                .toList();
        return new RequirementNode(
                r.code, r.title, r.kind, r.required, r.assessable, r.implementation, r.category, kids);
    }

    private static void appendText(StringBuilder where, Parameters params, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        where.append(" and (lower(code) like :text escape '\\' or lower(title) like :text escape '\\')");
        params.and("text", "%" + escapeLike(text.strip().toLowerCase(Locale.ROOT)) + "%");
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Page<Requirement> page(PanacheQuery<Requirement> query, int page, int size) {
        List<Requirement> items = query.page(page, size).list();
        return new Page<>(items, page, size, query.count());
    }
}
