package org.compliancesuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Vault policy of vault-service is rendered by setup-vault.sh from the chart's Transit mount and key names, the
 * committed vault-service-policy.hcl is that rendering for the defaults, and it grants exactly the Transit calls
 * vault-service makes (TransitKeyProvider through the quarkus-vault client) and nothing destructive.
 */
class VaultPolicyTest {

    private static final Path POLICY = Renderings.deployDir().resolve("vault/vault-service-policy.hcl");

    /** A Transit mount and the four logical key names, as in the chart's vault.transit values. */
    record Names(String mount, String phi, String blindIndex, String auditHmac, String signing) {

        static final Names DEFAULTS =
                new Names("transit", "phi", "phi-blind-index", "phi-audit-hmac", "evidence-checkpoint");
        static final Names CUSTOM =
                new Names("secure/transit-compliance", "patient", "patient-index", "patient-audit", "ledger-sign");

        String[] flags() {
            return new String[] {
                "--transit-mount", mount,
                "--phi-key", phi,
                "--blind-index-key", blindIndex,
                "--audit-hmac-key", auditHmac,
                "--signing-key", signing
            };
        }

        /** The path with {m}, {phi}, {bi}, {audit} and {sig} replaced by these names. */
        String path(String template) {
            return template.replace("{m}", mount)
                    .replace("{phi}", phi)
                    .replace("{bi}", blindIndex)
                    .replace("{audit}", auditHmac)
                    .replace("{sig}", signing);
        }
    }

    /**
     * Every Vault call vault-service makes, with the capability it needs. Paths are those the quarkus-vault client
     * builds: hmac/<key> and sign/<key> (algorithm in the body), datakey/wrapped/<key>, keys/<key>[/rotate|/config].
     */
    private static final List<String[]> CALLS = List.of(
            // PHI fields (FieldCipher), subject keys (SubjectKeys), envelope data keys.
            call("{m}/encrypt/{phi}.acme", "update"),
            call("{m}/decrypt/{phi}.acme", "update"),
            call("{m}/rewrap/{phi}.acme", "update"),
            call("{m}/datakey/wrapped/{phi}.acme", "update"),
            // Audit reference secrets (AuditReferences).
            call("{m}/encrypt/{audit}.acme", "update"),
            call("{m}/decrypt/{audit}.acme", "update"),
            call("{m}/rewrap/{audit}.acme", "update"),
            // Blind indexes (PhiService.blindIndex).
            call("{m}/hmac/{bi}.acme", "update"),
            // Checkpoint signatures (SignatureResource).
            call("{m}/sign/{sig}.acme", "update"),
            // Keys created on first use (KeyRing.ensureKey), read for versions and public keys (KeyService); a
            // replica that loses the creation race to another posts to an existing key, which needs update.
            call("{m}/keys/{phi}.acme", "create"),
            call("{m}/keys/{phi}.acme", "read"),
            call("{m}/keys/{phi}.acme", "update"),
            call("{m}/keys/{audit}.acme", "create"),
            call("{m}/keys/{audit}.acme", "read"),
            call("{m}/keys/{sig}.acme", "create"),
            call("{m}/keys/{sig}.acme", "read"),
            call("{m}/keys/{bi}.acme", "create"),
            call("{m}/keys/{bi}.acme", "read"),
            // Rotation and configuration of the rotatable keys (KeyService.rotate, KeyService.configure).
            call("{m}/keys/{phi}.acme/rotate", "update"),
            call("{m}/keys/{audit}.acme/rotate", "update"),
            call("{m}/keys/{sig}.acme/rotate", "update"),
            call("{m}/keys/{phi}.acme/config", "update"),
            call("{m}/keys/{audit}.acme/config", "update"),
            call("{m}/keys/{sig}.acme/config", "update"),
            // The extension renews and looks up the token of its Kubernetes login.
            call("auth/token/renew-self", "update"),
            call("auth/token/lookup-self", "read"));

    private static final List<String[]> REFUSED = List.of(
            call("{m}/keys/{phi}.acme", "delete"),
            call("{m}/keys/{phi}.acme/trim", "update"),
            call("{m}/keys/{bi}.acme/rotate", "update"),
            call("{m}/keys/{bi}.acme/config", "update"),
            call("{m}/keys/{bi}.acme/trim", "update"),
            call("{m}/keys/{bi}.acme", "update"),
            call("{m}/hmac/{audit}.acme", "update"),
            call("{m}/hmac/{phi}.acme", "update"),
            call("{m}/verify/{sig}.acme", "update"),
            call("{m}/keys", "list"),
            call("{m}/export/encryption-key/{phi}.acme", "read"),
            call("{m}/export/public-key/{sig}.acme", "read"),
            call("{m}/export/signing-key/{sig}.acme", "read"),
            call("{m}/backup/{phi}.acme", "read"),
            call("{m}/restore/{phi}.acme", "update"),
            call("{m}/datakey/plaintext/{phi}.acme", "update"),
            call("{m}/datakey/wrapped/{audit}.acme", "update"),
            call("{m}/decrypt/{phi}", "update"),
            call("{m}/encrypt/other-app", "update"),
            call("{m}/decrypt/other-app.acme", "update"),
            call("{m}/encrypt/{bi}.acme", "update"),
            call("{m}/encrypt/{sig}.acme", "update"),
            call("{m}/sign/{phi}.acme", "update"),
            call("{m}/sign/other-app", "update"),
            call("{m}/cache-config", "update"),
            // Mount-wide settings (keys/+ is one key name, so keys/config is a key, not these).
            call("{m}/config/keys", "update"),
            call("{m}/config/keys", "read"),
            call("secret/data/anything", "read"),
            call("sys/policies/acl/compliance-suite-vault-service", "update"),
            call("auth/kubernetes/role/compliance-suite-vault-service", "update"),
            call("auth/kubernetes/config", "update"));

    private static String[] call(String path, String capability) {
        return new String[] {path, capability};
    }

    static Stream<Arguments> renderings() {
        return Stream.of(Arguments.of("committed", Names.DEFAULTS), Arguments.of("custom names", Names.CUSTOM));
    }

    private static Stream<Arguments> expand(List<String[]> calls) {
        return renderings().flatMap(r -> calls.stream().map(c -> Arguments.of(r.get()[0], r.get()[1], c[0], c[1])));
    }

    static Stream<Arguments> grantedCalls() {
        return expand(CALLS);
    }

    static Stream<Arguments> refusedCalls() {
        return expand(REFUSED);
    }

    private static VaultPolicy policyFor(Names names, Path dir) throws IOException {
        if (names == Names.DEFAULTS) {
            return new VaultPolicy(Files.readString(POLICY, StandardCharsets.UTF_8));
        }
        return new VaultPolicy(SetupScript.policy(dir, Map.of(), names.flags()));
    }

    @ParameterizedTest(name = "{0}: {3} {2}")
    @MethodSource("grantedCalls")
    void grantsWhatVaultServiceDoes(String rendering, Names names, String path, String capability, @TempDir Path dir)
            throws IOException {
        assertThat(policyFor(names, dir).capabilities(names.path(path)))
                .as(names.path(path))
                .contains(capability);
    }

    @ParameterizedTest(name = "{0}: {3} {2} is refused")
    @MethodSource("refusedCalls")
    void grantsNothingDestructiveOrBeyondItsKeys(
            String rendering, Names names, String path, String capability, @TempDir Path dir) throws IOException {
        assertThat(policyFor(names, dir).capabilities(names.path(path)))
                .as(names.path(path))
                .doesNotContain(capability);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyRuleAndCapabilityIsOneThatVaultServiceUses(String rendering, Names names, @TempDir Path dir)
            throws IOException {
        VaultPolicy policy = policyFor(names, dir);
        Set<String> granted = new TreeSet<>();
        policy.rules().forEach((rule, capabilities) -> capabilities.forEach(c -> granted.add(c + " " + rule)));

        Set<String> used = new TreeSet<>();
        for (String[] call : CALLS) {
            String rule = policy.decidingRule(names.path(call[0]));
            assertThat(rule).as("a rule decides %s", names.path(call[0])).isNotNull();
            used.add(call[1] + " " + rule);
        }

        assertThat(granted).as("capabilities vault-service never uses").isEqualTo(used);
    }

    @Test
    void committedPolicyIsWhatTheScriptRendersForTheChartsDefaultNames(@TempDir Path dir) throws IOException {
        Map<?, ?> transit = (Map<?, ?>) Manifests.at(chartValues(), "vault", "transit");
        Names chartDefaults = new Names(
                (String) transit.get("mount"),
                (String) transit.get("phiKey"),
                (String) transit.get("blindIndexKey"),
                (String) transit.get("auditHmacKey"),
                (String) transit.get("signingKey"));
        String committed = Files.readString(POLICY, StandardCharsets.UTF_8);

        assertThat(chartDefaults).isEqualTo(Names.DEFAULTS);
        assertThat(SetupScript.policy(dir.resolve("defaults"), Map.of()))
                .as("setup-vault.sh --print-policy: the script's defaults are the chart's")
                .isEqualTo(committed);
        assertThat(SetupScript.policy(dir.resolve("flags"), Map.of(), chartDefaults.flags()))
                .as("vault-service-policy.hcl is out of date: setup-vault.sh --print-policy > vault-service-policy.hcl")
                .isEqualTo(committed);
    }

    @Test
    void renamedKeysReplaceTheDefaultNamesInEveryRule(@TempDir Path dir) throws IOException {
        String rendered = SetupScript.policy(dir, Map.of(), Names.CUSTOM.flags());
        VaultPolicy policy = new VaultPolicy(rendered);

        for (String rule : policy.rules().keySet()) {
            assertThat(rule)
                    .as(rule)
                    .satisfiesAnyOf(
                            r -> assertThat(r).startsWith(Names.CUSTOM.mount() + "/"),
                            r -> assertThat(r).startsWith("auth/token/"));
        }
        for (String[] call : CALLS) {
            if (call[0].startsWith("{m}")) {
                assertThat(policy.capabilities(Names.DEFAULTS.path(call[0])))
                        .as("%s is granted only under the configured names", Names.DEFAULTS.path(call[0]))
                        .isEmpty();
            }
        }
    }

    @Test
    void policyFollowsTheNamesTheChartGivesVaultService(@TempDir Path dir) throws IOException {
        Path values = dir.resolve("transit.yaml");
        Files.writeString(values, """
                vault:
                  transit:
                    mount: transit-compliance
                    phiKey: patient
                    blindIndexKey: patient-index
                    auditHmacKey: patient-audit
                    signingKey: ledger-sign
                """);
        Map<String, Object> config = Manifests.map(
                KustomizeTest.find(Renderings.documents(Renderings.helmTemplate(values)), "ConfigMap/vault-service")
                        .get("data"));
        Map<String, String> environment = new HashMap<>();
        for (String name : List.of(
                "VAULT_TRANSIT_MOUNT",
                "PHI_KEY_NAME",
                "BLIND_INDEX_KEY_NAME",
                "AUDIT_HMAC_KEY_NAME",
                "SIGNING_KEY_NAME")) {
            assertThat(config).containsKey(name);
            environment.put(name, (String) config.get(name));
        }

        // The script reads the very variables of vault-service's ConfigMap.
        VaultPolicy policy = new VaultPolicy(SetupScript.policy(dir.resolve("run"), environment));

        Names chart = new Names("transit-compliance", "patient", "patient-index", "patient-audit", "ledger-sign");
        for (String[] call : CALLS) {
            assertThat(policy.capabilities(chart.path(call[0])))
                    .as(chart.path(call[0]))
                    .contains(call[1]);
        }
    }

    @Test
    void refusesKeyNamesThatWouldLetOneRuleGrantAnotherPurposesKeys(@TempDir Path dir) {
        List<String[]> refused = List.of(
                new String[] {"--phi-key", "phi.audit"},
                new String[] {"--signing-key", "phi*"},
                new String[] {"--audit-hmac-key", "phi"},
                new String[] {"--transit-mount", "transit/*"});
        Set<String> messages = new HashSet<>();
        for (int i = 0; i < refused.size(); i++) {
            String[] flags = refused.get(i);
            SetupScript.Result result = SetupScript.run(dir.resolve("run-" + i), Map.of(), flags);
            assertThat(result.exitCode()).as(String.join(" ", flags)).isEqualTo(2);
            assertThat(result.calls()).isEmpty();
            messages.add(result.stderr().strip());
        }
        assertThat(messages).hasSize(4).allMatch(m -> m.startsWith("setup-vault.sh: "));
    }

    private static Map<?, ?> chartValues() throws IOException {
        return Renderings.YAML.readValue(
                Renderings.chartDir().resolve("values.yaml").toFile(), Map.class);
    }
}
