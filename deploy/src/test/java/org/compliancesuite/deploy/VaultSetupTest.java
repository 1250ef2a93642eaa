package org.compliancesuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * setup-vault.sh configures the Kubernetes auth method for a Vault inside the cluster (its own reviewer token and CA)
 * or outside it (API server and CA given, reviewer JWT stored or the client's JWT as reviewer), writes the policy it
 * renders and binds the chart's role to vault-service's ServiceAccount. Run against a stand-in vault CLI.
 */
class VaultSetupTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6dmF1bHQifQ.c2ln";

    @Test
    void inClusterVaultReviewsWithItsOwnTokenAndCa(@TempDir Path dir) {
        SetupScript.Result result = SetupScript.run(dir, Map.of(), "--mode", "in-cluster");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.call("write", "auth/kubernetes/config"))
                .containsExactly("write", "auth/kubernetes/config", "kubernetes_host=https://kubernetes.default.svc");
    }

    @Test
    void externalVaultWithAReviewerJwtReadsItFromItsFile(@TempDir Path dir) throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n");
        Path jwt = Files.writeString(dir.resolve("reviewer.jwt"), JWT);

        SetupScript.Result result = SetupScript.run(
                dir,
                Map.of(),
                "--mode",
                "external",
                "--kubernetes-host",
                "https://api.prod.example:6443",
                "--kubernetes-ca-file",
                ca.toString(),
                "--reviewer-jwt-file",
                jwt.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.call("write", "auth/kubernetes/config"))
                .containsExactly(
                        "write",
                        "auth/kubernetes/config",
                        "kubernetes_host=https://api.prod.example:6443",
                        "kubernetes_ca_cert=@" + ca,
                        "disable_local_ca_jwt=true",
                        "token_reviewer_jwt=@" + jwt);
        assertThat(result.calls())
                .as("the reviewer token never appears on a command line")
                .allSatisfy(call -> assertThat(String.join(" ", call)).doesNotContain(JWT));
    }

    @Test
    void externalVaultWithTheClientJwtAsReviewerStoresNoReviewerToken(@TempDir Path dir) throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n");

        SetupScript.Result result = SetupScript.run(
                dir,
                Map.of("SETUP_MODE", "external", "KUBERNETES_HOST", "https://api.prod.example:6443"),
                "--kubernetes-ca-file",
                ca.toString(),
                "--client-jwt-reviewer");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.call("write", "auth/kubernetes/config"))
                .containsExactly(
                        "write",
                        "auth/kubernetes/config",
                        "kubernetes_host=https://api.prod.example:6443",
                        "kubernetes_ca_cert=@" + ca,
                        "disable_local_ca_jwt=true",
                        "token_reviewer_jwt=");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "external without a reviewer | --mode external --kubernetes-host https://api:6443"
                        + " --kubernetes-ca-file CA | exactly one of --reviewer-jwt-file and --client-jwt-reviewer",
                "external with both reviewers | --mode external --kubernetes-host https://api:6443"
                        + " --kubernetes-ca-file CA --reviewer-jwt-file CA --client-jwt-reviewer"
                        + " | exactly one of --reviewer-jwt-file and --client-jwt-reviewer",
                "external without the API server | --mode external --kubernetes-ca-file CA --client-jwt-reviewer"
                        + " | needs --kubernetes-host",
                "external without its CA | --mode external --kubernetes-host https://api:6443 --client-jwt-reviewer"
                        + " | needs a readable --kubernetes-ca-file",
                "in-cluster with a reviewer | --mode in-cluster --client-jwt-reviewer | apply to --mode external only",
                "unknown mode | --mode sidecar | --mode must be in-cluster or external"
            })
    void refusesAnIncompleteModeBeforeWritingAnything(String name, String arguments, String message, @TempDir Path dir)
            throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n");
        String[] args = arguments.replace("CA", ca.toString()).split(" ");

        SetupScript.Result result = SetupScript.run(dir, Map.of(), args);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains(message);
        assertThat(result.calls()).as("no call reaches Vault").isEmpty();
    }

    @Test
    void writesThePolicyItRendersAndBindsTheChartsRoleToTheVaultServiceAccount(@TempDir Path dir) throws IOException {
        Map<?, ?> kubernetes = (Map<?, ?>) Manifests.at(
                Renderings.YAML.readValue(
                        Renderings.chartDir().resolve("values.yaml").toFile(), Map.class),
                "vault",
                "kubernetes");

        SetupScript.Result result = SetupScript.run(dir, Map.of("SUITE_NAMESPACE", "grc"));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        String mount = (String) kubernetes.get("mount");
        assertThat(result.call("secrets", "enable")).containsExactly("secrets", "enable", "-path=transit", "transit");
        assertThat(result.call("auth", "enable")).containsExactly("auth", "enable", "-path=" + mount, "kubernetes");
        assertThat(result.call("write", "auth/" + mount + "/role/" + kubernetes.get("role")))
                .containsExactly(
                        "write",
                        "auth/" + mount + "/role/" + kubernetes.get("role"),
                        "bound_service_account_names=vault-service",
                        "bound_service_account_namespaces=grc",
                        "token_policies=compliance-suite-vault-service",
                        "token_ttl=1h",
                        "token_max_ttl=4h");
        assertThat(result.call("policy", "write"))
                .containsExactly("policy", "write", "compliance-suite-vault-service", "-");
        assertThat(result.policyWritten("compliance-suite-vault-service"))
                .isEqualTo(Files.readString(Renderings.deployDir().resolve("vault/vault-service-policy.hcl")));
    }

    @Test
    void createsTenantKeysUnderTheConfiguredNamesWithTheTypesVaultServiceExpects(@TempDir Path dir) {
        SetupScript.Result result = SetupScript.run(
                dir,
                Map.of("TENANTS", "acme"),
                "--transit-mount",
                "transit-compliance",
                "--phi-key",
                "patient",
                "--blind-index-key",
                "patient-index",
                "--audit-hmac-key",
                "patient-audit",
                "--signing-key",
                "ledger-sign");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.calls().stream()
                        .filter(c -> c.size() > 2
                                && c.get(0).equals("write")
                                && c.get(1).equals("-f"))
                        .map(c -> String.join(" ", c.subList(2, c.size())))
                        .toList())
                .containsExactly(
                        "transit-compliance/keys/patient.acme type=aes256-gcm96",
                        "transit-compliance/keys/patient-index.acme type=aes256-gcm96",
                        "transit-compliance/keys/patient-audit.acme type=aes256-gcm96",
                        "transit-compliance/keys/ledger-sign.acme type=ed25519");
        VaultPolicy written = new VaultPolicy(result.policyWritten("compliance-suite-vault-service"));
        assertThat(written.capabilities("transit-compliance/encrypt/patient.acme"))
                .contains("update");
        assertThat(written.capabilities("transit/encrypt/phi.acme")).isEmpty();
        assertThat(List.of(result.stdout())).singleElement().asString().contains("transit mount transit-compliance");
    }
}
