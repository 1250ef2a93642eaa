package org.compliancesuite.vault.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** The audit log as auditors read it. */
public final class AuditApi {

    private AuditApi() {}

    public record AccessRecordView(
            UUID id,
            long sequence,
            String occurredAt,
            String retainUntil,
            String subject,
            String client,
            String action,
            String purpose,
            String justification,
            String dataSubjectRef,
            String recordRef,
            String sourceIp,
            String result,
            String reason,
            String keyName,
            Integer keyVersion,
            boolean reviewRequired,
            String previousHash,
            String hash) {

        static AccessRecordView of(PhiAccessRecord r) {
            return new AccessRecordView(
                    r.id,
                    r.sequence,
                    r.occurredAt.toString(),
                    r.retainUntil.toString(),
                    r.subject,
                    r.client,
                    r.action,
                    r.purpose,
                    r.justification,
                    r.dataSubjectRef,
                    r.recordRef,
                    r.sourceIp,
                    r.result,
                    r.reason,
                    r.keyName,
                    r.keyVersion,
                    r.reviewRequired,
                    r.previousHash,
                    r.hash);
        }
    }

    public record Page<T>(List<T> items, int page, int size, long total) {}

    /** Search by data subject in the body, so the identifier never appears in a URL or an access log. */
    public record SearchRequest(
            @Size(max = 256) String dataSubject,
            @Size(max = 256) String user,
            @Size(max = 64) String action,
            Boolean reviewRequired,
            String from,
            String to,
            @Min(0) Integer page,
            @Min(1) @Max(500) Integer size) {}

    public record Verification(
            boolean valid,
            long entriesChecked,
            long headSequence,
            String headHash,
            Long firstInvalidSequence,
            String problem) {}

    public record PurgeResult(long deleted, String before) {}
}
