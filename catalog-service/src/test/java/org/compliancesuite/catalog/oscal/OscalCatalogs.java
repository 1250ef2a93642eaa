package org.compliancesuite.catalog.oscal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** Builds OSCAL catalogs shaped like NIST SP 800-53: families as groups, controls, enhancements, params, parts. */
final class OscalCatalogs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OscalCatalogs() {}

    /**
     * @param title the catalog title (framework name)
     * @param families number of groups
     * @param baseControls controls per family
     * @param enhancementsEvery every n-th control gets one enhancement (0 for none)
     */
    static ObjectNode catalog(String title, int families, int baseControls, int enhancementsEvery) {
        ObjectNode document = JSON.createObjectNode();
        ObjectNode catalog = document.putObject("catalog");
        catalog.put("uuid", UUID.randomUUID().toString());
        ObjectNode metadata = catalog.putObject("metadata");
        metadata.put("title", title);
        metadata.put("last-modified", "2026-11-30T10:00:00Z");
        metadata.put("version", "5.1.1");
        metadata.put("oscal-version", "1.1.2");
        ArrayNode groups = catalog.putArray("groups");
        for (int f = 0; f < families; f++) {
            String family = familyId(f);
            ObjectNode group = groups.addObject();
            group.put("id", family);
            group.put("class", "family");
            group.put("title", "Family " + family.toUpperCase());
            ArrayNode controls = group.putArray("controls");
            for (int c = 1; c <= baseControls; c++) {
                String id = family + "-" + c;
                ObjectNode control = control(controls, id, (family + "-" + c).toUpperCase(), "Control " + id);
                if (enhancementsEvery > 0 && c % enhancementsEvery == 0) {
                    ArrayNode nested = control.putArray("controls");
                    control(nested, id + ".1", id.toUpperCase() + "(1)", "Enhancement of " + id);
                }
            }
        }
        ObjectNode backMatter = catalog.putObject("back-matter");
        ObjectNode resource = backMatter.putArray("resources").addObject();
        resource.put("uuid", UUID.randomUUID().toString());
        resource.put("title", "Reference document");
        return document;
    }

    /**
     * A catalog with the shapes a one-level builder misses: catalog-level params, a group nested in a group, a group
     * without id, and a control whose enhancement has an enhancement of its own (two levels of nesting).
     *
     * <pre>
     * params: cat_prm_1
     * group ac (family)
     *   control ac-1 (AC-1)
     *   group ac-ops (subfamily)
     *     control ac-2 (AC-2)
     *       control ac-2.1 (AC-2(1))
     *         control ac-2.1.1 (AC-2(1)(a))
     * group without id (appendix)
     *   control ap-1 (AP-1)
     * </pre>
     */
    static ObjectNode nested(String title) {
        ObjectNode document = JSON.createObjectNode();
        ObjectNode catalog = document.putObject("catalog");
        catalog.put("uuid", UUID.randomUUID().toString());
        ObjectNode metadata = catalog.putObject("metadata");
        metadata.put("title", title);
        metadata.put("last-modified", "2026-11-30T10:00:00Z");
        metadata.put("version", "1.0");
        metadata.put("oscal-version", "1.1.2");
        ObjectNode param = catalog.putArray("params").addObject();
        param.put("id", "cat_prm_1");
        param.put("label", "organization-defined review period");
        param.putArray("values").add("annually");

        ArrayNode groups = catalog.putArray("groups");
        ObjectNode ac = groups.addObject();
        ac.put("id", "ac");
        ac.put("class", "family");
        ac.put("title", "Access control");
        control(ac.putArray("controls"), "ac-1", "AC-1", "Policy and procedures");
        ObjectNode ops = ac.putArray("groups").addObject();
        ops.put("id", "ac-ops");
        ops.put("class", "subfamily");
        ops.put("title", "Account operations");
        ObjectNode ac2 = control(ops.putArray("controls"), "ac-2", "AC-2", "Account management");
        ObjectNode ac21 = control(ac2.putArray("controls"), "ac-2.1", "AC-2(1)", "Automated account management");
        control(ac21.putArray("controls"), "ac-2.1.1", "AC-2(1)(a)", "Automated removal of temporary accounts");

        ObjectNode appendix = groups.addObject();
        appendix.put("class", "appendix");
        appendix.put("title", "Appendix without an id");
        appendix.putArray("props").addObject().put("name", "sort-id").put("value", "zz");
        control(appendix.putArray("controls"), "ap-1", "AP-1", "Appendix control");
        return document;
    }

    private static ObjectNode control(ArrayNode into, String id, String label, String title) {
        ObjectNode control = into.addObject();
        control.put("id", id);
        control.put("class", "SP800-53");
        control.put("title", title);
        ArrayNode params = control.putArray("params");
        ObjectNode param = params.addObject();
        param.put("id", id + "_prm_1");
        param.putArray("props").addObject().put("name", "aggregates").put("value", id + "_prm_2");
        param.put("label", "organization-defined frequency");
        ArrayNode props = control.putArray("props");
        props.addObject().put("name", "label").put("value", label);
        props.addObject().put("name", "sort-id").put("value", id);
        ArrayNode links = control.putArray("links");
        links.addObject().put("href", "#" + id + "-ref").put("rel", "reference");
        ArrayNode parts = control.putArray("parts");
        ObjectNode statement = parts.addObject();
        statement.put("id", id + "_smt");
        statement.put("name", "statement");
        ArrayNode items = statement.putArray("parts");
        for (String letter : new String[] {"a", "b"}) {
            ObjectNode item = items.addObject();
            item.put("id", id + "_smt." + letter);
            item.put("name", "item");
            item.putArray("props").addObject().put("name", "label").put("value", letter + ".");
            item.put("prose", "Do what {{ insert: param, " + id + "_prm_1 }} requires, part " + letter + ".");
        }
        parts.addObject().put("id", id + "_gdn").put("name", "guidance").put("prose", "Guidance for " + id + ".");
        return control;
    }

    private static String familyId(int index) {
        return "" + (char) ('a' + index / 26) + (char) ('a' + index % 26);
    }
}
