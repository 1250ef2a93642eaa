package org.compliancesuite.catalog.oscal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compliancesuite.catalog.Refusals;
import org.compliancesuite.catalog.change.ChangeLog;
import org.compliancesuite.catalog.custom.CustomFrameworkService;
import org.compliancesuite.catalog.custom.RequirementRequest;
import org.compliancesuite.catalog.framework.Framework;
import org.compliancesuite.common.problem.ProblemException;

/**
 * Imports an OSCAL catalog as a custom framework of the caller's tenant. The document is validated against the
 * official schema first; groups become grouping requirements, controls and their nested controls (enhancements)
 * become requirements whose code is the control's {@code label} property when every control has a distinct one,
 * else its id. Everything beyond id, title and children (class, params, props, parts, links) is kept verbatim, as
 * are the catalog's uuid, metadata, params and back-matter, so that an export gives the catalog back.
 */
@ApplicationScoped
public class OscalImporter {

    static final int MAX_REPORTED_VIOLATIONS = 10;
    private static final int MAX_TITLE = 500;

    @Inject
    OscalSchema schema;

    @Inject
    ObjectMapper json;

    @Inject
    CustomFrameworkService frameworks;

    @Inject
    ChangeLog changes;

    /** Validates and stores; 422 with the first violations and their JSON paths, 409 for duplicate ids or codes. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ImportResult importCatalog(JsonNode document) {
        var violations = schema.violations(document, MAX_REPORTED_VIOLATIONS);
        if (!violations.isEmpty()) {
            throw Refusals.unprocessable(violations);
        }
        JsonNode catalog = document.get("catalog");
        JsonNode metadata = catalog.get("metadata");

        List<Node> nodes = new ArrayList<>();
        collect(catalog, null, false, nodes);
        Set<String> ids = new HashSet<>();
        List<String> duplicateIds = new ArrayList<>();
        nodes.stream().map(Node::oscalId).filter(id -> id != null).forEach(id -> {
            if (!ids.add(id)) {
                duplicateIds.add(id);
            }
        });
        if (!duplicateIds.isEmpty()) {
            throw ProblemException.conflict("OSCAL ids used more than once: " + String.join(", ", duplicateIds));
        }
        assignCodes(nodes);
        CustomFrameworkService.requireUniqueCodes(
                nodes.stream().map(n -> n.code).toList());
        for (Node node : nodes) {
            if (node.title.length() > MAX_TITLE) {
                throw ProblemException.unprocessable(
                        node.path + ".title", "must be at most " + MAX_TITLE + " characters");
            }
        }

        Instant now = Instant.now();
        ObjectNode kept = json.createObjectNode();
        kept.set("uuid", catalog.get("uuid"));
        kept.set("metadata", metadata);
        if (catalog.has("params")) {
            kept.set("params", catalog.get("params"));
        }
        if (catalog.has("back-matter")) {
            kept.set("back-matter", catalog.get("back-matter"));
        }
        String name = truncate(metadata.get("title").asText().strip(), 200);
        String version = truncate(metadata.get("version").asText().strip(), 50);
        Framework framework = frameworks.newFramework(name, version, kept, now);
        framework.description =
                metadata.hasNonNull("remarks") ? metadata.get("remarks").asText() : null;

        int position = 0;
        int groups = 0;
        for (Node node : nodes) {
            String parent = node.parent == null ? null : node.parent.code;
            RequirementRequest request =
                    new RequirementRequest(node.code, node.title, null, parent, node.kind, true, !node.group);
            frameworks.newRequirement(framework, request, !node.group, position++, node.oscalId(), node.content, now);
            groups += node.group ? 1 : 0;
        }

        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("source", "oscal");
        detail.put("name", name);
        detail.put("version", version);
        detail.put("groups", groups);
        detail.put("controls", nodes.size() - groups);
        changes.record("framework", framework.id, "imported", now, detail);
        Log.infof(
                "Imported OSCAL catalog as framework %s: %d groups, %d controls",
                framework.id, groups, nodes.size() - groups);
        return new ImportResult(framework.id, name, version, groups, nodes.size() - groups);
    }

    /** Depth-first, parents before children, groups and controls in document order. */
    private void collect(JsonNode container, Node parent, boolean insideControl, List<Node> nodes) {
        String base = parent == null ? "$.catalog" : parent.path;
        JsonNode groups = container.get("groups");
        if (groups != null) {
            for (int i = 0; i < groups.size(); i++) {
                Node node = new Node(groups.get(i), parent, true, "group", base + ".groups[" + i + "]");
                nodes.add(node);
                collect(groups.get(i), node, false, nodes);
            }
        }
        JsonNode controls = container.get("controls");
        if (controls != null) {
            for (int i = 0; i < controls.size(); i++) {
                Node node = new Node(
                        controls.get(i),
                        parent,
                        false,
                        insideControl ? "enhancement" : "control",
                        base + ".controls[" + i + "]");
                nodes.add(node);
                collect(controls.get(i), node, true, nodes);
            }
        }
    }

    /** Labels are the codes people use (AC-2(1)); ids are the fallback when labels are missing or clash. */
    private static void assignCodes(List<Node> nodes) {
        List<Node> controls = nodes.stream().filter(n -> !n.group).toList();
        Set<String> labels = new HashSet<>();
        boolean useLabels = controls.stream().allMatch(n -> n.label != null && labels.add(n.label));
        int unnamed = 0;
        for (Node node : nodes) {
            if (node.group) {
                node.code = node.oscalId() != null ? node.oscalId() : "group-" + (++unnamed);
            } else {
                node.code = useLabels ? node.label : node.oscalId();
            }
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** A group or control of the document being imported. */
    private static final class Node {
        final JsonNode source;
        final Node parent;
        final boolean group;
        final String kind;
        final String path;
        final String title;
        final String label;
        final ObjectNode content;
        String code;

        Node(JsonNode source, Node parent, boolean group, String kind, String path) {
            this.source = source;
            this.parent = parent;
            this.group = group;
            this.kind = kind;
            this.path = path;
            this.title = source.get("title").asText().strip();
            this.label = labelOf(source);
            this.content = source.deepCopy();
            this.content.remove(List.of("id", "title", "controls", "groups"));
        }

        String oscalId() {
            return source.hasNonNull("id") ? source.get("id").asText() : null;
        }

        private static String labelOf(JsonNode source) {
            JsonNode props = source.get("props");
            if (props == null) {
                return null;
            }
            for (JsonNode prop : props) {
                if ("label".equals(prop.path("name").asText()) && !prop.has("ns")) {
                    String value = prop.path("value").asText().strip();
                    return value.isEmpty() || value.contains("/") ? null : value;
                }
            }
            return null;
        }
    }
}
