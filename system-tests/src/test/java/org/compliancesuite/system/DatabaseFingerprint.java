package org.compliancesuite.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
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
 * left nothing behind: no insert, no update, no delete. One connection and one statement per service, reused.
 */
final class DatabaseFingerprint implements AutoCloseable {

    private final Connection connection;
    private final PreparedStatement query;
    private final int tenantParameters;

    /**
     * @param excluded tables left out
     * @param scopes per table, the condition on its rows {@code x} that replaces {@code x.tenant = ?}; each {@code ?}
     *     is the tenant
     */
    DatabaseFingerprint(String service, Set<String> excluded, Map<String, String> scopes) throws SQLException {
        connection = RunningSuite.db(service);
        List<String> parts = new ArrayList<>();
        int tenants = 0;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT t.table_name, EXISTS (SELECT 1 FROM information_schema.columns c"
                        + " WHERE c.table_schema = 'public' AND c.table_name = t.table_name"
                        + " AND c.column_name = 'tenant') FROM information_schema.tables t"
                        + " WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY 1")) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (excluded.contains(name) || name.startsWith("flyway")) {
                    continue;
                }
                String scope = scopes.getOrDefault(name, rs.getBoolean(2) ? "x.tenant = ?" : null);
                parts.add("SELECT '" + name + "', count(*), coalesce(md5(string_agg(md5(x::text), '' ORDER BY"
                        + " md5(x::text))), '') FROM \"" + name + "\" x" + (scope == null ? "" : " WHERE " + scope));
                tenants += scope == null
                        ? 0
                        : scope.length() - scope.replace("?", "").length();
            }
        }
        query = connection.prepareStatement(String.join(" UNION ALL ", parts));
        tenantParameters = tenants;
    }

    Map<String, String> take(String tenant) throws SQLException {
        for (int i = 1; i <= tenantParameters; i++) {
            query.setString(i, tenant);
        }
        Map<String, String> result = new TreeMap<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getLong(2) + ":" + rs.getString(3));
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

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
