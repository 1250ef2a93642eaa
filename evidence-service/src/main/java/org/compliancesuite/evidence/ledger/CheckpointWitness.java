package org.compliancesuite.evidence.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.evidence.upstream.UpstreamFailure;
import org.compliancesuite.evidence.upstream.VaultClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * What vault-service witnessed it signed for the caller's tenant: the head hash of every checkpoint sequence. It keeps
 * that list in its own database, out of reach of whoever can write this service's database, so a chain rewritten
 * below a signed checkpoint, a checkpoint deleted with its ledger entry, or entries cut off the end of the chain (with
 * the head and the last checkpoints) still contradict it.
 */
@ApplicationScoped
public class CheckpointWitness {

    /** vault-service's largest page. */
    static final int PAGE_SIZE = 500;

    private static final Pattern HEAD_HASH = Pattern.compile("[0-9a-f]{64}");

    @Inject
    @RestClient
    VaultClient vault;

    /**
     * Every witnessed checkpoint of the caller's tenant, by sequence. Pages are read by sequence (each from the one
     * after the last read), so a checkpoint signed meanwhile cannot shift one into a page already read.
     *
     * @throws ProblemException 503 naming vault-service when it cannot answer, or answers something that is not a list
     *     of checkpoints in sequence order
     */
    public NavigableMap<Long, String> heads() {
        NavigableMap<Long, String> heads = new TreeMap<>();
        long from = 1;
        while (true) {
            VaultClient.WitnessedCheckpoints page;
            try {
                page = vault.witnessedCheckpoints(from, 0, PAGE_SIZE);
            } catch (RuntimeException e) {
                throw UpstreamFailure.unavailable(VaultServiceSigner.SERVICE, e);
            }
            if (page == null || page.items() == null || page.total() == null) {
                throw malformed("no page of witnessed checkpoints");
            }
            for (VaultClient.WitnessedCheckpoint item : page.items()) {
                if (item == null || item.sequence() == null || item.sequence() < from) {
                    throw malformed("witnessed checkpoints out of sequence order");
                }
                if (item.headHash() == null
                        || !HEAD_HASH.matcher(item.headHash()).matches()) {
                    throw malformed("a witnessed checkpoint without a head hash");
                }
                heads.put(item.sequence(), item.headHash());
                from = item.sequence() + 1;
            }
            // total counts what lies from the page's first sequence on: this page held all that was left
            if (page.items().isEmpty() || page.items().size() >= page.total()) {
                return heads;
            }
        }
    }

    private static ProblemException malformed(String what) {
        return UpstreamFailure.unavailable(VaultServiceSigner.SERVICE, new IllegalStateException(what));
    }
}
