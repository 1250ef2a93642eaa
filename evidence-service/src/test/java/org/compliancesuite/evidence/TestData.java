package org.compliancesuite.evidence;

import static io.restassured.RestAssured.given;

import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.io.InputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.compliancesuite.common.testing.TestTokens;

/** Requests and SQL the tests share. */
public final class TestData {

    private TestData() {}

    public static String manager(String tenant) {
        return TestTokens.token(tenant, "compliance-manager");
    }

    public static String auditor(String tenant) {
        return TestTokens.token(tenant, "auditor");
    }

    /** Signs a checkpoint of the tenant's ledger on demand (201) and returns it. */
    public static JsonPath checkpoint(String tenant) {
        return given().auth()
                .oauth2(manager(tenant))
                .when()
                .post("/api/v1/ledger/checkpoints")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    /** The tenant's ledger verification, as an auditor asks for it. */
    public static ValidatableResponse verifyLedger(String tenant) {
        return given().auth()
                .oauth2(auditor(tenant))
                .when()
                .get("/api/v1/ledger/verify")
                .then();
    }

    /** Creates a JSON record evidence linked to the controls and returns its id. */
    public static String record(String tenant, String title, List<String> controls, String collectedAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("controlIds", controls);
        body.put("record", Map.of("value", title));
        if (collectedAt != null) {
            body.put("collectedAt", collectedAt);
        }
        return given().auth()
                .oauth2(manager(tenant))
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v1/evidence")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public static void review(String tenant, String id, String decision) {
        given().auth()
                .oauth2(auditor(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("decision", decision, "reason", "checked"))
                .when()
                .post("/api/v1/evidence/" + id + "/review")
                .then()
                .statusCode(200);
    }

    /** Rows of a query, each as a list of column values. */
    public static List<List<Object>> rows(AgroalDataSource db, String sql, Object... params) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(AgroalDataSource db, String sql, Object... params) {
        return ((Number) rows(db, sql, params).getFirst().getFirst()).longValue();
    }

    public static int update(AgroalDataSource db, String sql, Object... params) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stream of {@code size} pseudo-random bytes, the same for the same seed, generated as it is read. */
    public static InputStream generated(long size, long seed) {
        return new InputStream() {
            private final SplittableRandom random = new SplittableRandom(seed);
            private long left = size;

            @Override
            public int read() {
                if (left <= 0) {
                    return -1;
                }
                left--;
                return random.nextInt(256);
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) random.nextInt(256);
                }
                left -= n;
                return n;
            }
        };
    }

    public static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[65536];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String contentDigest(String hex) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)) + ":";
    }
}
