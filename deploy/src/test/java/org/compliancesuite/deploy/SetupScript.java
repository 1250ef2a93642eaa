package org.compliancesuite.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs deploy/vault/setup-vault.sh with bash against a stand-in vault CLI that records every call (arguments and the
 * policy it is given) and answers the listings as an empty Vault would.
 */
final class SetupScript {

    static final Path SCRIPT = Renderings.deployDir().resolve("vault/setup-vault.sh");

    /** The settings the script reads from the environment; cleared so that the caller's shell cannot leak in. */
    private static final List<String> SETTINGS = List.of(
            "SUITE_NAMESPACE",
            "VAULT_TRANSIT_MOUNT",
            "PHI_KEY_NAME",
            "BLIND_INDEX_KEY_NAME",
            "AUDIT_HMAC_KEY_NAME",
            "SIGNING_KEY_NAME",
            "VAULT_KUBERNETES_AUTH_MOUNT",
            "VAULT_KUBERNETES_ROLE",
            "POLICY_NAME",
            "TENANTS",
            "SETUP_MODE",
            "KUBERNETES_HOST",
            "KUBERNETES_CA_FILE",
            "TOKEN_REVIEWER_JWT_FILE",
            "CLIENT_JWT_REVIEWER");

    private static final String FAKE_VAULT = """
            #!/usr/bin/env bash
            # Records one call per line, arguments separated by US (0x1f).
            for arg in "$@"; do printf '%s\\037' "$arg"; done >> "$FAKE_VAULT_DIR/calls"
            printf '\\n' >> "$FAKE_VAULT_DIR/calls"
            case "$1 $2" in
              "secrets list" | "auth list") echo '{}' ;;
              "policy write") cat > "$FAKE_VAULT_DIR/policy-$3" ;;
              "read "*) echo "No value found" >&2; exit 2 ;;
            esac
            """;

    record Result(int exitCode, String stdout, String stderr, List<List<String>> calls, Path dir) {

        /** The arguments of the first call whose leading arguments are the given ones. */
        List<String> call(String... prefix) {
            return calls.stream()
                    .filter(c -> c.size() >= prefix.length
                            && c.subList(0, prefix.length).equals(Arrays.asList(prefix)))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no vault " + String.join(" ", prefix) + " in " + calls));
        }

        String policyWritten(String name) {
            try {
                return Files.readString(dir.resolve("policy-" + name), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private SetupScript() {}

    /** Runs the script in a fresh directory with the given environment and arguments. */
    static Result run(Path dir, Map<String, String> environment, String... arguments) {
        try {
            Path bin = Files.createDirectories(dir.resolve("bin"));
            Path vault = bin.resolve("vault");
            Files.writeString(vault, FAKE_VAULT, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(vault, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(dir.resolve("calls"), "");

            List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
            command.addAll(List.of(arguments));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(dir.resolve("stdout").toFile())
                    .redirectError(dir.resolve("stderr").toFile());
            Map<String, String> env = builder.environment();
            SETTINGS.forEach(env::remove);
            env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
            env.put("FAKE_VAULT_DIR", dir.toString());
            env.putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("setup-vault.sh did not finish");
            }

            List<List<String>> calls = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("calls"), StandardCharsets.UTF_8)) {
                if (!line.isEmpty()) {
                    calls.add(List.of(line.substring(0, line.length() - 1).split("\u001f", -1)));
                }
            }
            return new Result(
                    process.exitValue(),
                    Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8),
                    Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8),
                    calls,
                    dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The policy the script renders for the given environment and arguments (--print-policy). */
    static String policy(Path dir, Map<String, String> environment, String... arguments) {
        String[] withPrint = Arrays.copyOf(arguments, arguments.length + 1);
        withPrint[arguments.length] = "--print-policy";
        Result result = run(dir, environment, withPrint);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("setup-vault.sh --print-policy failed: " + result.stderr());
        }
        if (!result.calls().isEmpty()) {
            throw new IllegalStateException("--print-policy called Vault: " + result.calls());
        }
        return result.stdout();
    }
}
