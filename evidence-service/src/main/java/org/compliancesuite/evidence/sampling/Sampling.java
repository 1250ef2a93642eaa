package org.compliancesuite.evidence.sampling;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.evidence.Actor;
import org.compliancesuite.evidence.catalog.CatalogControl;
import org.compliancesuite.evidence.catalog.ControlCatalog;
import org.compliancesuite.evidence.freshness.Frequency;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Draws SOC 2 samples. The population is the control's non-rejected, non-deleted evidence collected in the period,
 * ordered by collected-at then id; the sample is the first n positions of a Fisher-Yates shuffle driven by {@code
 * java.util.Random(seed)}, whose algorithm the Java specification fixes, so the same seed and population always give
 * the same items.
 */
@ApplicationScoped
public class Sampling {

    static final String SELECTION = "population ordered by collectedAt then id; for i in 0..n-1 swap i with"
            + " i + java.util.Random(seed).nextInt(size - i); take positions 0..n-1";
    private static final long MAX_SEED = (1L << 53) - 1;
    private static final SecureRandom SEEDS = new SecureRandom();

    @Inject
    ControlCatalog catalog;

    @Inject
    EntityManager em;

    /**
     * Sample size per evidence frequency ({@code evidence.sampling.size.<frequency>}); continuous is "many times a
     * day".
     */
    public Map<String, Integer> sampleSizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (Frequency f : Frequency.values()) {
            sizes.put(
                    f.value(),
                    ConfigProvider.getConfig().getValue("evidence.sampling.size." + f.value(), Integer.class));
        }
        return sizes;
    }

    public Sample draw(Actor actor, SampleRequest request) {
        if (request.periodEnd().isBefore(request.periodStart())) {
            throw ProblemException.unprocessable("periodEnd", "must not be before periodStart");
        }
        CatalogControl control = catalog.control(actor.tenant(), request.controlId(), "controlId");
        Frequency frequency = Frequency.of(control.evidenceFrequency());
        long seed = request.seed() != null ? request.seed() : SEEDS.nextLong() & MAX_SEED;
        return QuarkusTransaction.joiningExisting().call(() -> store(actor, request, frequency, seed));
    }

    private Sample store(Actor actor, SampleRequest request, Frequency frequency, long seed) {
        Instant from = request.periodStart().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to =
                request.periodEnd().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        @SuppressWarnings("unchecked")
        List<UUID> population = em.createNativeQuery(
                        "SELECT e.id FROM evidence e JOIN evidence_control c"
                                + " ON c.evidence_id = e.id WHERE e.tenant = ?1 AND c.control_id = ?2"
                                + " AND e.collected_at >= ?3 AND e.collected_at < ?4 AND e.deleted_at IS NULL"
                                + " AND e.state <> 'rejected' ORDER BY e.collected_at, e.id",
                        UUID.class)
                .setParameter(1, actor.tenant())
                .setParameter(2, request.controlId())
                .setParameter(3, from)
                .setParameter(4, to)
                .getResultList();
        int size = Math.min(sampleSizes().get(frequency.value()), population.size());
        List<UUID> drawn = shuffleHead(population, size, seed);

        Sample sample = new Sample();
        sample.id = UUID.randomUUID();
        sample.tenant = actor.tenant();
        sample.controlId = request.controlId();
        sample.periodStart = request.periodStart();
        sample.periodEnd = request.periodEnd();
        sample.frequency = frequency.value();
        sample.sampleSize = size;
        sample.populationSize = population.size();
        sample.seed = seed;
        sample.drawnAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        sample.drawnBy = actor.subject();
        sample.population.addAll(population);
        for (int i = 0; i < drawn.size(); i++) {
            SampleItem item = new SampleItem();
            item.id = UUID.randomUUID();
            item.sample = sample;
            item.position = i;
            item.evidenceId = drawn.get(i);
            sample.items.add(item);
        }
        sample.persist();
        Log.infof(
                "sample of control %s drawn by %s: %d of %d with seed %d",
                sample.controlId, actor.subject(), size, population.size(), seed);
        return sample;
    }

    /**
     * Records an auditor's result. Results are final, so an exception once found stays on record.
     *
     * @throws ProblemException 404 for an unknown sample or item, 409 when already tested, 422 for an exception
     *     without a note
     */
    @Transactional
    public Sample record(Actor actor, UUID sampleId, UUID itemId, TestResult result) {
        if (result.result() == TestResult.Outcome.EXCEPTION
                && (result.note() == null || result.note().isBlank())) {
            throw ProblemException.unprocessable("note", "an exception needs a note");
        }
        Sample sample = find(actor.tenant(), sampleId);
        SampleItem item = sample.items.stream()
                .filter(i -> i.id.equals(itemId))
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("no item " + itemId + " in sample " + sampleId));
        if (item.result != null) {
            throw ProblemException.conflict("the item was already tested: " + item.result);
        }
        item.result = result.result().value();
        item.note = result.note();
        item.testedBy = actor.subject();
        item.testedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return sample;
    }

    /** One sample with its population, read in one transaction so the population is loaded with it. */
    @Transactional
    public SampleView view(String tenant, UUID id) {
        return SampleView.withPopulation(find(tenant, id));
    }

    public Sample find(String tenant, UUID id) {
        return Sample.<Sample>find("id = ?1 and tenant = ?2", id, tenant)
                .firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("no sample " + id));
    }

    static List<UUID> shuffleHead(List<UUID> population, int size, long seed) {
        List<UUID> pool = new ArrayList<>(population);
        Random random = new Random(seed);
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(pool.size() - i);
            UUID swap = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, swap);
        }
        return List.copyOf(pool.subList(0, size));
    }
}
