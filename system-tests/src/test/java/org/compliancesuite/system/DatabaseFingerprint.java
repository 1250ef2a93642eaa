package org.compliancesuite.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Row count and content digest of every table of a service's database, restricted to one tenant where a table has a
 * {@code tenant} column (so that another tenant's scheduled jobs do not show up), to prove that a refused request
 * left nothing behind: no insert, no update, no delete.
 */
final class DatabaseFingerprint {

    private DatabaseFingerprint() {}

    static Map<String, String> of(String service, String tenant, Set<String> excluded) throws SQLException {
        Map<String, String> result = new TreeMap<>();
        try (Connection c = RunningSuite.db(service);
                Statement s = c.createStatement()) {
            List<String[]> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT t.table_name, EXISTS (SELECT 1 FROM information_schema.columns c"
                    + " WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'tenant')"
                    + " FROM information_schema.tables t WHERE t.table_schema = 'public'"
                    + " AND t.table_type = 'BASE TABLE' ORDER BY 1")) {
                while (rs.next()) {
                    tables.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] table : tables) {
                String name = table[0];
                if (excluded.contains(name) || name.startsWith("flyway")) {
                    continue;
                }
                String where = "t".equals(table[1]) ? " WHERE tenant = '" + tenant.replace("'", "''") + "'" : "";
                try (ResultSet rs = s.executeQuery("SELECT count(*), coalesce(md5(string_agg(md5(x::text), ''"
                        + " ORDER BY md5(x::text))), '') FROM \"" + name + "\" x" + where)) {
                    rs.next();
                    result.put(name, rs.getLong(1) + ":" + rs.getString(2));
                }
            }
        }
        return result;
    }

    /** The tables whose fingerprint differs. */
    static List<String> changed(Map<String, String> before, Map<String, String> after) {
        List<String> tables = new ArrayList<>();
        for (String table : after.keySet()) {
            if (!after.get(table).equals(before.get(table))) {
                tables.add(table + " (" + before.get(table) + " -> " + after.get(table) + ")");
            }
        }
        return tables;
    }
}
