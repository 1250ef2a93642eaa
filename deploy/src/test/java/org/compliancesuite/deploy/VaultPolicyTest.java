package org.compliancesuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Vault policy of vault-service grants the Transit operations on the chart's key names and nothing destructive,
 * evaluated with Vault's path matching (exact path, "+" for one segment, "*" at the end; the most specific wins).
 */
class VaultPolicyTest {

    private static final Path POLICY = Renderings.deployDir().resolve("vault/vault-service-policy.hcl");
    private static final Pattern RULE =
            Pattern.compile("path \"([^\"]+)\"\\s*\\{\\s*capabilities\\s*=\\s*\\[([^]]*)]\\s*}", Pattern.MULTILINE);

    private static Map<String, Set<String>> rules;

    @BeforeAll
    static void parse() throws IOException {
        rules = new LinkedHashMap<>();
        Matcher matcher = RULE.matcher(Files.readString(POLICY));
        while (matcher.find()) {
            rules.put(
                    matcher.group(1),
                    Arrays.stream(matcher.group(2).split(","))
                            .map(c -> c.trim().replace("\"", ""))
                            .filter(c -> !c.isEmpty())
                            .collect(Collectors.toSet()));
        }
        assertThat(rules).isNotEmpty();
    }

    @ParameterizedTest(name = "{1} {0}")
    @CsvSource({
        "transit/encrypt/phi.acme, update",
        "transit/decrypt/phi.acme, update",
        "transit/rewrap/phi.acme, update",
        "transit/datakey/wrapped/phi.acme, update",
        "transit/hmac/phi-blind-index.acme/sha2-256, update",
        "transit/encrypt/phi-audit-hmac.acme, update",
        "transit/decrypt/phi-audit-hmac.acme, update",
        "transit/rewrap/phi-audit-hmac.acme, update",
        "transit/sign/evidence-checkpoint.acme, update",
        "transit/keys/phi.acme, create",
        "transit/keys/phi.acme, read",
        "transit/keys/phi.acme/rotate, update",
        "transit/keys/phi.acme/config, update",
        "transit/keys/phi-blind-index.acme, read",
        "transit/keys/phi-blind-index.acme, create",
        "transit/keys/evidence-checkpoint.acme, read",
        "transit/keys/evidence-checkpoint.acme/rotate, update",
        "auth/token/renew-self, update",
        "auth/token/lookup-self, read"
    })
    void grantsWhatVaultServiceDoes(String path, String capability) {
        assertThat(capabilities(path)).as(path).contains(capability);
    }

    @ParameterizedTest(name = "{1} {0} is refused")
    @CsvSource({
        "transit/keys/phi.acme, delete",
        "transit/keys/phi.acme/trim, update",
        "transit/keys/phi-blind-index.acme/rotate, update",
        "transit/keys/phi-blind-index.acme/config, update",
        "transit/keys/phi-blind-index.acme/trim, update",
        "transit/hmac/phi-audit-hmac.acme/sha2-256, update",
        "transit/verify/evidence-checkpoint.acme, update",
        "transit/keys, list",
        "transit/export/encryption-key/phi.acme, read",
        "transit/backup/phi.acme, read",
        "transit/restore/phi.acme, update",
        "transit/decrypt/phi, update",
        "transit/encrypt/other-app, update",
        "transit/decrypt/other-app.acme, update",
        "transit/encrypt/phi-blind-index.acme, update",
        "transit/datakey/wrapped/phi-audit-hmac.acme, update",
        "transit/hmac/phi.acme, update",
        "transit/sign/phi.acme, update",
        "transit/sign/other-app, update",
        "secret/data/anything, read",
        "sys/policies/acl/compliance-suite-vault-service, update",
        "auth/kubernetes/role/compliance-suite-vault-service, update"
    })
    void grantsNothingDestructiveOrBeyondItsKeys(String path, String capability) {
        assertThat(capabilities(path)).as(path).doesNotContain(capability);
    }

    @Test
    void coversTheKeyNamesTheChartConfigures() throws IOException {
        Map<?, ?> transit = (Map<?, ?>) ((Map<?, ?>) Renderings.YAML
                        .readValue(Renderings.chartDir().resolve("values.yaml").toFile(), Map.class)
                        .get("vault"))
                .get("transit");
        String tenant = ".acme";

        assertThat(transit.get("mount")).isEqualTo("transit");
        for (String key : new String[] {"phiKey", "blindIndexKey", "auditHmacKey", "signingKey"}) {
            assertThat(capabilities("transit/keys/" + transit.get(key) + tenant))
                    .as(key)
                    .contains("create", "read");
        }
        assertThat(capabilities("transit/encrypt/" + transit.get("phiKey") + tenant))
                .contains("update");
        assertThat(capabilities("transit/hmac/" + transit.get("blindIndexKey") + tenant + "/sha2-256"))
                .contains("update");
        assertThat(capabilities("transit/decrypt/" + transit.get("auditHmacKey") + tenant))
                .contains("update");
        assertThat(capabilities("transit/sign/" + transit.get("signingKey") + tenant))
                .contains("update");
    }

    @Test
    void setupScriptBindsTheChartsRoleToTheVaultServiceAccount() throws IOException {
        String script = Files.readString(Renderings.deployDir().resolve("vault/setup-vault.sh"));
        Map<?, ?> vault = (Map<?, ?>) Renderings.YAML
                .readValue(Renderings.chartDir().resolve("values.yaml").toFile(), Map.class)
                .get("vault");
        Map<?, ?> kubernetes = (Map<?, ?>) vault.get("kubernetes");

        assertThat(script)
                .contains("K8S_ROLE=\"${K8S_ROLE:-" + kubernetes.get("role") + "}\"")
                .contains("K8S_AUTH_MOUNT=\"${K8S_AUTH_MOUNT:-" + kubernetes.get("mount") + "}\"")
                .contains("bound_service_account_names=vault-service")
                .contains("vault-service-policy.hcl")
                .contains("vault secrets enable")
                .contains("vault auth enable");
    }

    /** Capabilities of the rule that Vault applies to the path: an exact rule, else the most specific pattern. */
    private static Set<String> capabilities(String path) {
        if (rules.containsKey(path)) {
            return rules.get(path);
        }
        String best = null;
        for (String pattern : rules.keySet()) {
            if (matches(pattern, path) && (best == null || moreSpecific(pattern, best))) {
                best = pattern;
            }
        }
        return best == null ? Set.of() : rules.get(best);
    }

    private static boolean matches(String pattern, String path) {
        String regex = Arrays.stream(pattern.split("/", -1))
                .map(segment -> segment.equals("+") ? "[^/]+" : Pattern.quote(segment))
                .collect(Collectors.joining("/"));
        regex = regex.endsWith("*\\E") ? regex.substring(0, regex.length() - 3) + "\\E.*" : regex;
        return path.matches(regex);
    }

    /** Vault's ordering: the later the first wildcard, the more specific; then the longer pattern. */
    private static boolean moreSpecific(String candidate, String current) {
        int candidateWildcard = firstWildcard(candidate);
        int currentWildcard = firstWildcard(current);
        if (candidateWildcard != currentWildcard) {
            return candidateWildcard > currentWildcard;
        }
        return candidate.length() > current.length();
    }

    private static int firstWildcard(String pattern) {
        int plus = pattern.indexOf('+');
        int star = pattern.indexOf('*');
        if (plus < 0) {
            return star < 0 ? Integer.MAX_VALUE : star;
        }
        return star < 0 ? plus : Math.min(plus, star);
    }
}
