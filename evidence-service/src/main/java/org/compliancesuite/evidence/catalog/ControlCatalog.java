package org.compliancesuite.evidence.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.evidence.freshness.Frequency;
import org.compliancesuite.evidence.upstream.UpstreamFailure;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Looks controls and requirements up in catalog-service. Controls are cached per tenant for a short time because
 * every write and every monitor run needs their evidence frequency; an unknown id is never cached.
 */
@ApplicationScoped
public class ControlCatalog {

    private static final int CATALOG_PAGE_SIZE = 500;

    static final String SERVICE = "catalog-service";

    @Inject
    @RestClient
    CatalogClient client;

    @ConfigProperty(name = "evidence.catalog.cache-ttl", defaultValue = "PT5M")
    Duration cacheTtl;

    private final Map<String, Cached> controls = new ConcurrentHashMap<>();
    private final Map<String, CachedList> catalogs = new ConcurrentHashMap<>();

    /**
     * The control with its evidence frequency.
     *
     * @throws ProblemException 422 naming {@code field} when the catalog does not know the control, 503 when the
     *     catalog cannot answer
     */
    public CatalogControl control(String tenant, String controlId, String field) {
        String key = tenant + "\n" + controlId;
        Cached cached = controls.get(key);
        if (cached != null && cached.expires().isAfter(Instant.now())) {
            return cached.control();
        }
        CatalogControl control;
        try {
            control = client.control(controlId);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                throw ProblemException.unprocessable(field, "unknown control '" + controlId + "'");
            }
            throw UpstreamFailure.unavailable(SERVICE, e);
        } catch (RuntimeException e) {
            throw UpstreamFailure.unavailable(SERVICE, e);
        }
        if (Frequency.parse(control.evidenceFrequency()).isEmpty()) {
            throw UpstreamFailure.unavailable(SERVICE, new IllegalStateException("unknown evidence frequency"));
        }
        controls.put(key, new Cached(control, Instant.now().plus(cacheTtl)));
        return control;
    }

    /**
     * Every common control the catalog knows for the tenant, with its evidence frequency; cached per tenant like single
     * controls, so listing controls without fresh evidence does not page through the catalog on every request.
     *
     * @throws ProblemException 503 when the catalog cannot answer
     */
    public List<CatalogClient.ControlRef> all(String tenant) {
        CachedList cached = catalogs.get(tenant);
        if (cached != null && cached.expires().isAfter(Instant.now())) {
            return cached.controls();
        }
        List<CatalogClient.ControlRef> all = new ArrayList<>();
        try {
            for (int page = 0; ; page++) {
                CatalogClient.ControlPage answer = client.controls(page, CATALOG_PAGE_SIZE);
                all.addAll(answer.items());
                if (answer.items().isEmpty() || all.size() >= answer.total()) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            throw UpstreamFailure.unavailable(SERVICE, e);
        }
        List<CatalogClient.ControlRef> controls = List.copyOf(all);
        catalogs.put(tenant, new CachedList(controls, Instant.now().plus(cacheTtl)));
        return controls;
    }

    /** Every control, validated in order; the field of a refusal names the position. */
    public List<CatalogControl> controls(String tenant, List<String> controlIds, String field) {
        return IntStream.range(0, controlIds.size())
                .mapToObj(i -> control(tenant, controlIds.get(i), field + "[" + i + "]"))
                .toList();
    }

    /**
     * Checks that a requirement reference {@code frameworkId:code} exists.
     *
     * @throws ProblemException 422 when malformed or unknown, 503 when the catalog cannot answer
     */
    public void requireRequirement(String reference, String field) {
        int colon = reference.indexOf(':');
        if (colon <= 0 || colon == reference.length() - 1) {
            throw ProblemException.unprocessable(field, "must be frameworkId:code");
        }
        try {
            client.requirement(reference.substring(0, colon), reference.substring(colon + 1));
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                throw ProblemException.unprocessable(field, "unknown requirement '" + reference + "'");
            }
            throw UpstreamFailure.unavailable(SERVICE, e);
        } catch (RuntimeException e) {
            throw UpstreamFailure.unavailable(SERVICE, e);
        }
    }

    private record Cached(CatalogControl control, Instant expires) {}

    private record CachedList(List<CatalogClient.ControlRef> controls, Instant expires) {}
}
