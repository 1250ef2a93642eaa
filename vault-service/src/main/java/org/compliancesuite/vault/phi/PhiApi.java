package org.compliancesuite.vault.phi;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The request and response shapes of the PHI operations. */
public final class PhiApi {

    private PhiApi() {}

    /** One field to encrypt: base64 plaintext, optionally bound to a record and field and owned by a data subject. */
    public record EncryptItem(
            String plaintext,
            @Size(max = 512) String record,
            @Size(max = 128) String field,
            @Size(max = 256) String dataSubject) {}

    /** Either one item (the item's fields at the top level) or a batch in {@code items}, not both. */
    public record EncryptRequest(
            String plaintext,
            @Size(max = 512) String record,
            @Size(max = 128) String field,
            @Size(max = 256) String dataSubject,
            List<@Valid EncryptItem> items) {

        boolean batch() {
            return items != null;
        }

        List<EncryptItem> all() {
            return batch() ? items : List.of(new EncryptItem(plaintext, record, field, dataSubject));
        }

        boolean mixed() {
            return batch() && (plaintext != null || record != null || field != null || dataSubject != null);
        }
    }

    /**
     * One ciphertext with the record and field it was bound to at encryption and, optionally, the data subject it
     * belongs to: recorded (as a keyed reference) in the access record, so that a query by data subject finds the
     * read. When the ciphertext has a per-subject key, a declared subject that is not the key's is refused.
     */
    public record CiphertextItem(
            String ciphertext,
            @Size(max = 512) String record,
            @Size(max = 128) String field,
            @Size(max = 256) String dataSubject) {}

    public record CiphertextRequest(
            String ciphertext,
            @Size(max = 512) String record,
            @Size(max = 128) String field,
            @Size(max = 256) String dataSubject,
            List<@Valid CiphertextItem> items) {

        boolean batch() {
            return items != null;
        }

        List<CiphertextItem> all() {
            return batch() ? items : List.of(new CiphertextItem(ciphertext, record, field, dataSubject));
        }

        boolean mixed() {
            return batch() && (ciphertext != null || record != null || field != null || dataSubject != null);
        }
    }

    /** Why one item of a batch failed; the other items are unaffected. */
    public record ItemError(int status, String code, String message) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EncryptResult(
            Integer index, String ciphertext, String keyName, Integer keyVersion, String mode, ItemError error) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DecryptResult(Integer index, String plaintext, String keyName, Integer keyVersion, ItemError error) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RewrapResult(Integer index, String ciphertext, Integer keyVersion, ItemError error) {}

    /** Results in input order. */
    public record BatchResult<T>(List<T> items) {}

    public record BlindIndexRequest(
            @NotBlank @Size(max = 1024) String value,
            @NotBlank @Size(max = 128) String field) {}

    public record BlindIndexResult(String index, String keyName, String field) {}

    public record ShredRequest(
            @NotBlank @Size(max = 256) String dataSubject,
            @NotBlank @Size(max = 1000) String reason) {}

    public record ShredResult(String dataSubjectRef, String shreddedAt, String shreddedBy) {}
}
