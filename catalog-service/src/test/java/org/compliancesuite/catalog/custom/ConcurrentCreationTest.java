package org.compliancesuite.catalog.custom;

import static org.compliancesuite.catalog.Api.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.compliancesuite.catalog.Api;
import org.compliancesuite.catalog.control.ControlMapping;
import org.compliancesuite.catalog.framework.Framework;
import org.compliancesuite.catalog.framework.Requirement;
import org.junit.jupiter.api.Test;

/**
 * Creating a framework, a requirement or a mapping checks for a duplicate and then inserts. Identical requests sent
 * at the same moment can all pass the check; the unique keys of the schema let one insert win and the shared
 * problem mapper turns the others' unique violation (SQLState 23505) into 409. Either way exactly one request
 * answers 201, every other one 409, and one row is stored.
 */
@QuarkusTest
class ConcurrentCreationTest {

    private static final int PARALLEL = 8;

    @Test
    void identicalFrameworksCreatedTogetherStoreOne() throws Exception {
        String tenant = Api.newTenant();
        Map<String, Object> body = Map.of("name", "Raced policy", "version", "1");

        List<Integer> statuses =
                together(spec -> spec.body(body).post("/api/v1/frameworks").statusCode(), tenant);

        assertOneCreatedRestConflict(statuses);
        assertThat(Api.db(() -> Framework.count("tenant", tenant)), is(1L));
    }

    @Test
    void identicalRequirementsAddedTogetherStoreOne() throws Exception {
        String tenant = Api.newTenant();
        String id = create(tenant);
        Map<String, Object> body = Map.of("code", "R-2", "title", "Raced requirement");

        List<Integer> statuses = together(
                spec -> spec.body(body)
                        .post("/api/v1/frameworks/" + id + "/requirements")
                        .statusCode(),
                tenant);

        assertOneCreatedRestConflict(statuses);
        assertThat(Api.db(() -> Requirement.count("frameworkId = ?1 and code = 'R-2'", id)), is(1L));
    }

    @Test
    void identicalMappingsAddedTogetherStoreOne() throws Exception {
        String tenant = Api.newTenant();
        String id = create(tenant);
        Map<String, Object> body = Map.of("controlId", "tls", "relationship", "superset", "rationale", "Raced");

        List<Integer> statuses = together(
                spec -> spec.body(body)
                        .post("/api/v1/frameworks/" + id + "/requirements/R-1/mappings")
                        .statusCode(),
                tenant);

        assertOneCreatedRestConflict(statuses);
        assertThat(
                Api.db(() -> ControlMapping.count(
                        "controlId = 'tls' and requirementId = ?1", Requirement.require(id, "R-1").id)),
                is(1L));
    }

    private static String create(String tenant) {
        return as(tenant, "grc-admin")
                .body(Map.of(
                        "name",
                        "Race track",
                        "version",
                        "1",
                        "requirements",
                        List.of(Map.of("code", "R-1", "title", "First"))))
                .post("/api/v1/frameworks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Sends the same request from {@link #PARALLEL} threads released at once; the statuses, in any order. */
    private static List<Integer> together(Function<RequestSpecification, Integer> send, String tenant)
            throws Exception {
        CyclicBarrier start = new CyclicBarrier(PARALLEL);
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                answers.add(pool.submit(() -> {
                    RequestSpecification spec = as(tenant, "grc-admin");
                    start.await(30, TimeUnit.SECONDS);
                    return send.apply(spec);
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertOneCreatedRestConflict(List<Integer> statuses) {
        assertThat(statuses.toString(), Collections.frequency(statuses, 201), is(1));
        assertThat(statuses.toString(), Collections.frequency(statuses, 409), is(PARALLEL - 1));
    }
}
