import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The suite's benchmarks, run by {@code bench/run} (never by {@code ./mvnw verify}). Starts the packaged services as
 * processes on the cs_bench_* databases and ports 9281-9289, runs each scenario for a bounded time, and writes the
 * measured figures with the machine and date to bench/results/DATE.md and the README table to BENCH_TABLE_OUT.
 * Every figure printed is measured in this run; a scenario that cannot run says why instead of printing a number.
 */
public final class Bench {

    static final int CATALOG = 9281, EVIDENCE = 9282, VAULT = 9283, REPORTING = 9284, EVIDENCE_2 = 9285,
            VAULT_DIRECT = 9286, TRANSIT = 9289;
    static final String TRANSIT_TOKEN = "bench-transit-root";
    /** The JVM options of the measured services: BENCH_JVM_OPTS, default -Xmx512m (as ./suite up starts them). */
    static final List<String> SERVICE_JVM_OPTIONS = List.of(System.getProperty("bench.serviceJvm", "-Xmx512m")
            .trim()
            .split("\\s+"));
    /** A real Vault when VAULT_ADDR and VAULT_TOKEN are set (transit mounted at transit/); else the test server. */
    static final String REAL_VAULT_ADDR = blankToNull(System.getenv("VAULT_ADDR"));
    static final String REAL_VAULT_TOKEN = blankToNull(System.getenv("VAULT_TOKEN"));
    static final boolean REAL_VAULT = REAL_VAULT_ADDR != null && REAL_VAULT_TOKEN != null;
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(48, Thread.ofPlatform().daemon().factory()))
            .build();

    final Path root;
    final Path state;
    final Duration measure;
    final Duration warmup;
    final List<String> only;
    final Report report = new Report();
    final Map<String, Process> processes = new LinkedHashMap<>();

    Bench(Path root, Duration measure, Duration warmup, List<String> only) {
        this.root = root;
        this.state = root.resolve("bench/target/state");
        this.measure = measure;
        this.warmup = warmup;
        this.only = only;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        List<String> only = List.of(System.getProperty("bench.only", "catalog,evidence,vault,reporting").split(","));
        Bench bench = new Bench(
                root,
                Duration.ofSeconds(Long.getLong("bench.seconds", 8)),
                Duration.ofSeconds(Long.getLong("bench.warmup", 2)),
                only);
        Runtime.getRuntime().addShutdownHook(new Thread(bench::stopAll));
        try {
            bench.run();
        } finally {
            bench.stopAll();
        }
        System.exit(0);
    }

    void run() throws Exception {
        Files.createDirectories(state.resolve("logs"));
        report.machine(root);
        for (String db : List.of("catalog", "evidence", "vault", "reporting")) {
            psql("cs_bench_" + db, "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
        }
        token("bench", "auditor"); // creates the local keys of the bench's state folder
        exec(List.of("openssl", "pkey", "-in", state.resolve("keys/checkpoint-private.pem").toString(), "-pubout",
                "-out", state.resolve("keys/checkpoint-public.pem").toString()), Duration.ofSeconds(30));
        if (REAL_VAULT) {
            report.line("- Vault: the real Vault at VAULT_ADDR (" + REAL_VAULT_ADDR + "), Transit mounted at transit/");
        } else {
            startTransit();
            report.line("- Vault: VAULT_ADDR not set, so vault-service and the baseline use vault-service's"
                    + " Vault-compatible Transit test server (a JDK HttpServer on loopback, keys in memory); the"
                    + " baseline ratios below compare against that server, not against a real Vault");
        }

        section("Startup time to ready and resident memory (each service started alone, one after the other)");
        for (String s : List.of("catalog", "evidence", "vault", "reporting")) {
            startMeasured(s, port(s), env(s, Map.of()));
        }
        Thread.sleep(5000);
        for (String s : List.of("catalog", "evidence", "vault", "reporting")) {
            report.startup(s + "-service", startupMillis.get(s), rssKb(processes.get(s).pid()));
        }
        scenario("catalog", this::catalog);
        scenario("evidence", this::evidence);
        scenario("vault", this::vault);
        scenario("reporting", this::reporting);
        report.write(root);
    }

    interface Scenario {
        void run() throws Exception;
    }

    void scenario(String name, Scenario scenario) {
        if (!only.contains(name)) {
            report.line("- " + name + ": not selected in this run (-Dbench.only)");
            return;
        }
        long start = System.nanoTime();
        try {
            scenario.run();
        } catch (Exception | AssertionError e) {
            report.line("- **" + name + " scenario stopped**: " + e);
            e.printStackTrace();
        }
        System.out.printf("[bench] %s scenario took %d s%n", name, (System.nanoTime() - start) / 1_000_000_000L);
    }

    // ------------------------------------------------------------------------------------------------ catalog

    void catalog() throws Exception {
        section("catalog-service");
        String admin = token("bench-t0", "grc-admin", "compliance-manager", "auditor");
        String base = url(CATALOG);
        List<Double> imports = new ArrayList<>();
        String imported = null;
        for (int i = 0; i < 3; i++) {
            String body = oscalCatalog("bench-300-" + i, 20, 10, 100);
            long t0 = System.nanoTime();
            Answer a = post(base + "/api/v1/frameworks/oscal", admin, body, Map.of());
            imports.add((System.nanoTime() - t0) / 1e6);
            a.require(201, "OSCAL import");
            imported = Json.str(Json.parse(a.body), "id");
        }
        report.row("catalog", "OSCAL import, 300 controls (20 groups, 200 controls, 100 enhancements)",
                "3 imports: " + fmtList(imports) + " ms", "median " + fmt(median(imports)) + " ms");

        // 10 tenants, the 5 built-in frameworks each, and 2,000 custom requirements (200 per tenant by OSCAL).
        List<String> tenantTokens = new ArrayList<>();
        List<String> customIds = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            String tok = token("bench-t" + t, "grc-admin", "compliance-manager", "auditor");
            tenantTokens.add(tok);
            Answer a = post(base + "/api/v1/frameworks/oscal", tok, oscalCatalog("bench-custom-" + t, 10, 20, 0),
                    Map.of());
            a.require(201, "custom framework import");
            customIds.add(Json.str(Json.parse(a.body), "id"));
        }
        String[] words = {"access", "encryption", "audit", "password", "incident", "backup", "training", "key"};
        String[][] requirements = {
            {"iso27001-2022", "A.5.15"}, {"iso27001-2022", "A.8.5"}, {"pci-dss-4.0.1", "8.4"},
            {"hipaa-security", "164.312(b)"}, {"soc2-2017", "CC6.1"}, {"hipaa-breach", "164.404"}
        };
        AtomicInteger n = new AtomicInteger();
        Load search = load(8, i -> {
            int k = n.incrementAndGet();
            String tok = tenantTokens.get(k % 10);
            return get(base + "/api/v1/requirements?q=" + words[k % words.length] + "&size=50", tok).status;
        });
        Load frameworkSearch = load(8, i -> {
            int k = n.incrementAndGet();
            String tok = tenantTokens.get(k % 10);
            String fw = k % 2 == 0 ? customIds.get(k % 10) : requirements[k % requirements.length][0];
            return get(base + "/api/v1/frameworks/" + enc(fw) + "/requirements?q=" + words[k % words.length], tok)
                    .status;
        });
        Load mapping = load(8, i -> {
            int k = n.incrementAndGet();
            String[] r = requirements[k % requirements.length];
            return get(base + "/api/v1/frameworks/" + enc(r[0]) + "/requirements/" + enc(r[1]) + "/controls",
                            tenantTokens.get(k % 10))
                    .status;
        });
        Load control = load(8, i -> {
            int k = n.incrementAndGet();
            String[] ids = {"mfa", "encryption-at-rest", "audit-logging", "access-review", "key-management", "tls"};
            return get(base + "/api/v1/controls/" + ids[k % ids.length], tenantTokens.get(k % 10)).status;
        });
        Load live = load(8, i -> get(base + "/q/health/live", null).status);
        report.table("catalog: 8 concurrent clients, 10 tenants, 5 built-in frameworks + 2,000 custom requirements",
                List.of(search.named("requirement search GET /api/v1/requirements?q="),
                        frameworkSearch.named("framework requirement search GET /frameworks/{id}/requirements?q="),
                        mapping.named("mapping GET /frameworks/{id}/requirements/{code}/controls"),
                        control.named("control with mappings GET /controls/{id}"),
                        live.named("reference: GET /q/health/live, same run")));
    }

    /** An OSCAL 1.1.2 catalog with groups, controls with params, props and parts, and enhancements. */
    static String oscalCatalog(String title, int groups, int perGroup, int enhancements) {
        StringBuilder g = new StringBuilder();
        int made = 0;
        for (int i = 1; i <= groups; i++) {
            StringBuilder controls = new StringBuilder();
            for (int c = 1; c <= perGroup; c++) {
                String id = "g" + i + "-" + c;
                StringBuilder enh = new StringBuilder();
                if (made < enhancements && c % 2 == 0) {
                    made++;
                    enh.append(",\"controls\":[").append(control(id + ".1", "Enhancement of " + id, "")).append(']');
                }
                controls.append(controls.length() > 0 ? "," : "").append(control(id, "Access control " + id, enh
                        .toString()));
            }
            g.append(g.length() > 0 ? "," : "")
                    .append("{\"id\":\"g").append(i).append("\",\"class\":\"family\",\"title\":\"Family ")
                    .append(i).append("\",\"controls\":[").append(controls).append("]}");
        }
        return "{\"catalog\":{\"uuid\":\"" + UUID.randomUUID() + "\",\"metadata\":{\"title\":\"" + title
                + "\",\"last-modified\":\"2026-12-01T00:00:00Z\",\"version\":\"1.0\",\"oscal-version\":\"1.1.2\"},"
                + "\"groups\":[" + g + "]}}";
    }

    private static String control(String id, String title, String nested) {
        return "{\"id\":\"" + id + "\",\"class\":\"SP800-53\",\"title\":\"" + title + "\","
                + "\"params\":[{\"id\":\"" + id + "_prm_1\",\"label\":\"frequency\"}],"
                + "\"props\":[{\"name\":\"label\",\"value\":\"" + id.toUpperCase(Locale.ROOT) + "\"}],"
                + "\"parts\":[{\"id\":\"" + id + "_smt\",\"name\":\"statement\",\"prose\":\"The organization reviews"
                + " access, encryption and audit records for " + id + " every {{ insert: param, " + id
                + "_prm_1 }}.\"}]" + nested + "}";
    }

    // ------------------------------------------------------------------------------------------------ evidence

    void evidence() throws Exception {
        section("evidence-service");
        String tok = token("bench-ev", "evidence-collector", "compliance-manager", "auditor");
        String base = url(EVIDENCE);

        // 1 GB upload beside sha256sum of the same file.
        Path file = root.resolve("bench/target/upload-1g.bin");
        if (!Files.exists(file) || Files.size(file) != 1L << 30) {
            exec(List.of("sh", "-c", "head -c 1073741824 /dev/urandom > '" + file + "'"), Duration.ofMinutes(3));
        }
        long t0 = System.nanoTime();
        String hex = exec(List.of("sha256sum", file.toString()), Duration.ofMinutes(5)).split("\\s+")[0];
        double shaSeconds = (System.nanoTime() - t0) / 1e9;
        double floorSeconds = postgresIngest();
        Upload byDefault = upload(base, tok, file, hex, processes.get("evidence").pid());
        reportUpload(byDefault, String.join(" ", SERVICE_JVM_OPTIONS), shaSeconds, floorSeconds, true);
        // The same upload on a second evidence-service whose JVM uses the serial collector and a small heap: the heap
        // the collector keeps committed, not the service, is what the resident figure above measures.
        List<String> serial = List.of(System.getProperty("bench.uploadJvm", "-XX:+UseSerialGC -Xmx192m")
                .trim()
                .split("\\s+"));
        startMeasured("evidence-serial", EVIDENCE_2, env("evidence", Map.of()), serial);
        Upload bySerial = upload(url(EVIDENCE_2), tok, file, hex, processes.get("evidence-serial").pid());
        reportUpload(bySerial, String.join(" ", serial), shaSeconds, floorSeconds, false);
        stop("evidence-serial");
        Files.deleteIfExists(file);

        // 10,000 small records by 16 clients on two replicas, then ledger verify.
        startMeasured("evidence-2", EVIDENCE_2, env("evidence", Map.of()));
        String tok2 = token("bench-ev2", "evidence-collector", "auditor");
        List<String> replicas = List.of(base, url(EVIDENCE_2));
        AtomicInteger next = new AtomicInteger();
        AtomicInteger stored = new AtomicInteger();
        ConcurrentHashMap<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        t0 = System.nanoTime();
        Load records = loadCount(16, 10_000, i -> {
            int k = next.incrementAndGet();
            Answer a = post(replicas.get(k % 2) + "/api/v1/evidence", tok2,
                    "{\"title\":\"bench record " + k + "\",\"controlIds\":[\"mfa\"],\"record\":{\"k\":" + k + "}}",
                    Map.of());
            statuses.computeIfAbsent(a.status, x -> new AtomicInteger()).incrementAndGet();
            if (a.status == 201) {
                stored.incrementAndGet();
            }
            return a.status;
        });
        double recordSeconds = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        Answer verify = get(base + "/api/v1/ledger/verify", tok2);
        double verifySeconds = (System.nanoTime() - t0) / 1e9;
        report.row("evidence", "10,000 JSON records, 16 clients, 2 replicas on one database",
                stored.get() + " stored (answers " + statuses + ") in " + fmt(recordSeconds) + " s = "
                        + fmt(stored.get() / recordSeconds) + " records/s; p50 " + fmt(records.p(50)) + " ms, p95 "
                        + fmt(records.p(95)) + " ms",
                "ledger verify: " + verifySummary(verify) + " in " + fmt(verifySeconds) + " s");
        report.goal("evidence 10,000 records on 2 replicas: all stored and the ledger verifies",
                stored.get() == 10_000 && verifySummary(verify).startsWith("valid=true"),
                stored.get() + " stored, " + verifySummary(verify));
        stop("evidence-2");

        // Ledger verify rate over 1,000,000 entries, seeded by SQL with hashes computed by the documented rule.
        int entries = Integer.getInteger("bench.ledgerEntries", 1_000_000);
        String tenant = "bench-ledger";
        t0 = System.nanoTime();
        seedLedger(tenant, entries);
        double seedSeconds = (System.nanoTime() - t0) / 1e9;
        String tok3 = token(tenant, "auditor");
        t0 = System.nanoTime();
        Answer big = get(base + "/api/v1/ledger/verify", tok3);
        double bigSeconds = (System.nanoTime() - t0) / 1e9;
        report.row("evidence", "ledger verify over " + String.format("%,d", entries) + " entries",
                verifySummary(big) + " in " + fmt(bigSeconds) + " s = " + fmt(entries / bigSeconds) + " entries/s",
                "seeded in " + fmt(seedSeconds) + " s by COPY of entries chained with the HashChain rule");
    }

    record Upload(int smallStatus, long idleKb, long smallPeakKb, int status, String body, double seconds,
            long peakKb) {}

    /** A 128 MiB then the 1 GiB upload to one evidence-service, its resident memory sampled during each. */
    Upload upload(String base, String tok, Path file, String hex, long pid) throws Exception {
        long idle = rssKb(pid);
        // A 128 MiB upload first, against the same idle figure: if memory grew with file size, the 1 GiB upload's
        // peak would be about 8 times higher than this one's.
        Path small = root.resolve("bench/target/upload-128m.bin");
        exec(List.of("sh", "-c", "head -c 134217728 '" + file + "' > '" + small + "'"), Duration.ofMinutes(1));
        String smallHex = exec(List.of("sha256sum", small.toString()), Duration.ofMinutes(1)).split("\\s+")[0];
        RssSampler smallSampler = new RssSampler(pid);
        HttpResponse<String> smallUp = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/evidence/upload?title=bench-128m&controlId=mfa"
                                + "&fileName=upload-128m.bin"))
                        .timeout(Duration.ofMinutes(5))
                        .header("Authorization", "Bearer " + tok)
                        .header("Content-Type", "application/zip")
                        .header("Content-Digest", contentDigest(smallHex))
                        .POST(HttpRequest.BodyPublishers.ofFile(small))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        long smallPeak = smallSampler.stop();
        Files.deleteIfExists(small);
        RssSampler sampler = new RssSampler(pid);
        long t0 = System.nanoTime();
        HttpResponse<String> up = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/evidence/upload?title=bench-1g&controlId=mfa"
                                + "&fileName=upload-1g.bin"))
                        .timeout(Duration.ofMinutes(15))
                        .header("Authorization", "Bearer " + tok)
                        // a media type evidence-service accepts by default (octet-stream is not)
                        .header("Content-Type", "application/zip")
                        .header("Content-Digest", contentDigest(hex))
                        .POST(HttpRequest.BodyPublishers.ofFile(file))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Upload(
                smallUp.statusCode(), idle, smallPeak, up.statusCode(), up.body(), seconds, sampler.stop());
    }

    private static String contentDigest(String hex) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)) + ":";
    }

    void reportUpload(Upload u, String jvm, double shaSeconds, double floorSeconds, boolean withFloor) {
        String with = " (JVM " + jvm + ")";
        if (u.status() != 201) {
            report.line("- 1 GB upload" + with + " answered " + u.status() + ": " + abbreviate(u.body()));
            return;
        }
        double mib = 1024.0;
        long above = u.peakKb() - u.idleKb();
        report.row("evidence", "1 GiB upload (raw body, streamed and hashed)" + with,
                fmt(u.seconds()) + " s = " + fmt(mib / u.seconds()) + " MiB/s",
                "sha256sum of the same file: " + fmt(shaSeconds) + " s = " + fmt(mib / shaSeconds)
                        + " MiB/s; upload/sha256sum throughput ratio " + fmt(shaSeconds / u.seconds()));
        report.row("evidence", "resident memory during the 1 GiB upload" + with,
                "peak " + mb(u.peakKb()) + " MB, idle before " + mb(u.idleKb()) + " MB",
                "peak above idle: " + mb(above) + " MB (sampled every 50 ms from /proc); a 128 MiB upload"
                        + " just before (" + u.smallStatus() + "): " + mb(u.smallPeakKb() - u.idleKb())
                        + " MB above the same idle");
        if (withFloor) {
            report.row("evidence", "PostgreSQL's own ingest, same run",
                    "1 GiB as 1,024 rows of 1 MiB in one binary COPY: " + fmt(floorSeconds) + " s = "
                            + fmt(mib / floorSeconds) + " MiB/s",
                    "what the database alone accepts on this machine (JDBC client in the bench's JVM); the upload"
                            + " reaches " + fmt(floorSeconds / u.seconds()) + "x of it");
        }
        report.goal("evidence 1 GiB upload: throughput at least half of sha256sum's" + with,
                shaSeconds / u.seconds() >= 0.5, fmt(shaSeconds / u.seconds()) + "x sha256sum");
        report.goal("evidence 1 GiB upload: peak resident memory under 64 MB above idle" + with,
                above < 64 * 1024, mb(above) + " MB above idle");
    }

    /**
     * Seconds PostgreSQL takes to accept 1 GiB the way evidence-service writes content (1 MiB bytea rows, external
     * storage, one binary COPY), measured from this JVM in a scratch table that is dropped afterwards.
     */
    double postgresIngest() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://localhost:5432/cs_bench_evidence", "compliance", "compliance")) {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_ingest");
                s.execute("CREATE TABLE bench_ingest (n int, data bytea)");
                s.execute("ALTER TABLE bench_ingest ALTER COLUMN data SET STORAGE EXTERNAL");
            }
            c.setAutoCommit(false);
            byte[] chunk = new byte[1 << 20];
            new java.util.Random(1).nextBytes(chunk);
            long t0 = System.nanoTime();
            org.postgresql.copy.CopyIn copy = c.unwrap(org.postgresql.PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY bench_ingest (n, data) FROM STDIN (FORMAT binary)");
            byte[] header = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
            copy.writeToCopy(header, 0, header.length);
            for (int i = 0; i < 1024; i++) {
                java.nio.ByteBuffer row = java.nio.ByteBuffer.allocate(14);
                row.putShort((short) 2).putInt(4).putInt(i).putInt(chunk.length);
                copy.writeToCopy(row.array(), 0, row.position());
                chunk[0] = (byte) i;
                copy.writeToCopy(chunk, 0, chunk.length);
            }
            copy.writeToCopy(new byte[] {(byte) 0xFF, (byte) 0xFF}, 0, 2);
            copy.endCopy();
            c.commit();
            double seconds = (System.nanoTime() - t0) / 1e9;
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("DROP TABLE bench_ingest");
            }
            c.commit();
            return seconds;
        }
    }

    static String verifySummary(Answer a) {
        if (a.status != 200) {
            return "answered " + a.status;
        }
        Object doc = Json.parse(a.body);
        return "valid=" + Json.get(doc, "valid") + ", " + Json.get(doc, "entriesChecked") + " entries checked";
    }

    /**
     * Writes {@code entries} ledger entries for {@code tenant} with psql's COPY: each entry's hash is
     * sha256(previousHash "\n" sequence "\n" canonicalJson(entry)), the rule of HashChain and the README.
     */
    void seedLedger(String tenant, int entries) throws Exception {
        ProcessBuilder seeder = new ProcessBuilder("psql", "-v", "ON_ERROR_STOP=1", "-q", "-h", "localhost", "-U",
                        "compliance", "-d", "cs_bench_evidence", "-c",
                        "\\copy ledger_entry (tenant, sequence, event, evidence_id, content_sha256, actor, occurred_at,"
                                + " details, previous_hash, hash) FROM STDIN WITH (FORMAT csv)")
                .redirectErrorStream(true)
                .redirectOutput(state.resolve("logs/seed-ledger.log").toFile());
        seeder.environment().put("PGPASSWORD", "compliance");
        Process psql = seeder.start();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        HexFormat hexf = HexFormat.of();
        String previous = "0".repeat(64);
        String occurred = Instant.parse("2026-01-01T00:00:00Z").toString();
        try (BufferedWriter out = new BufferedWriter(
                new OutputStreamWriter(psql.getOutputStream(), StandardCharsets.UTF_8), 1 << 20)) {
            for (long seq = 1; seq <= entries; seq++) {
                String details = "{\"bench\":" + seq + "}";
                String canonical = "{\"actor\":\"bench-seeder\",\"contentSha256\":null,\"details\":"
                        + Json.quote(details) + ",\"event\":\"links-changed\",\"evidenceId\":null,\"occurredAt\":\""
                        + occurred + "\",\"tenant\":" + Json.quote(tenant) + "}";
                String hash = hexf.formatHex(sha.digest(
                        (previous + "\n" + seq + "\n" + canonical).getBytes(StandardCharsets.UTF_8)));
                out.write(tenant + "," + seq + ",links-changed,,,bench-seeder," + occurred + ",\""
                        + details.replace("\"", "\"\"") + "\"," + previous + "," + hash + "\n");
                previous = hash;
            }
        }
        if (!psql.waitFor(10, TimeUnit.MINUTES) || psql.exitValue() != 0) {
            throw new IOException("COPY of ledger entries failed; see " + state.resolve("logs/seed-ledger.log"));
        }
        psql("cs_bench_evidence", "INSERT INTO ledger_head (tenant, sequence, head_hash) VALUES ('" + tenant + "', "
                + entries + ", '" + previous + "')");
    }

    // ------------------------------------------------------------------------------------------------ vault

    void vault() throws Exception {
        section("vault-service");
        startMeasured("vault-direct", VAULT_DIRECT, env("vault", Map.of("KEY_MODE", "direct")));
        String tok = token("bench-phi", "phi-encryptor", "phi-reader");
        byte[] kb = new byte[1024];
        new java.util.Random(7).nextBytes(kb);
        String plaintext = Base64.getEncoder().encodeToString(kb);
        String encryptBody = "{\"plaintext\":\"" + plaintext + "\"}";
        Map<String, String> purpose = Map.of("X-Purpose-Of-Use", "treatment");

        // The baseline: the same operations sent straight to the Transit endpoint the service uses (VAULT_ADDR).
        String transit = vaultAddr() + "/v1/transit";
        Map<String, String> vaultHeader = Map.of("X-Vault-Token", vaultToken());
        post(transit + "/keys/bench-baseline", null, "{\"type\":\"aes256-gcm96\"}", vaultHeader);
        String transitCipher = Json.str(Json.get(Json.parse(post(transit + "/encrypt/bench-baseline", null,
                                encryptBody, vaultHeader)
                        .require(200, "Transit encrypt")
                        .body), "data"), "ciphertext");

        record Target(String name, String encryptUrl, String decryptUrl, String token, Map<String, String> headers,
                String decryptBody, long pid) {}
        String envelopeCipher = Json.str(Json.parse(post(url(VAULT) + "/api/v1/phi/encrypt", tok, encryptBody,
                                Map.of())
                        .require(200, "envelope encrypt")
                        .body), "ciphertext");
        String directCipher = Json.str(Json.parse(post(url(VAULT_DIRECT) + "/api/v1/phi/encrypt", tok, encryptBody,
                                Map.of())
                        .require(200, "direct encrypt")
                        .body), "ciphertext");
        List<Target> targets = List.of(
                new Target("envelope mode (vault-service)", url(VAULT) + "/api/v1/phi/encrypt",
                        url(VAULT) + "/api/v1/phi/decrypt", tok, purpose,
                        "{\"ciphertext\":\"" + envelopeCipher + "\"}", processes.get("vault").pid()),
                new Target("direct mode (vault-service)", url(VAULT_DIRECT) + "/api/v1/phi/encrypt",
                        url(VAULT_DIRECT) + "/api/v1/phi/decrypt", tok, purpose,
                        "{\"ciphertext\":\"" + directCipher + "\"}", processes.get("vault-direct").pid()),
                new Target(REAL_VAULT
                                ? "baseline: Transit endpoint at VAULT_ADDR (real Vault)"
                                : "baseline: Transit endpoint at VAULT_ADDR (the Transit test server)",
                        transit + "/encrypt/bench-baseline", transit + "/decrypt/bench-baseline", null, vaultHeader,
                        "{\"ciphertext\":\"" + transitCipher + "\"}",
                        REAL_VAULT ? -1 : processes.get("transit").pid()));
        List<Load> rows = new ArrayList<>();
        Map<String, Load> byName = new LinkedHashMap<>();
        for (Target target : targets) {
            RssSampler rss = target.pid() < 0 ? null : new RssSampler(target.pid());
            long before = target.pid() < 0 ? -1 : rssKb(target.pid());
            for (int clients : List.of(1, 8, 32)) {
                Map<String, String> encryptHeaders = target.token() == null ? target.headers() : Map.of();
                Load enc = load(clients, i -> post(target.encryptUrl(), target.token(), encryptBody, encryptHeaders)
                                .status)
                        .named(target.name() + ", encrypt 1 KB, " + clients + " clients");
                Load dec = load(clients, i -> post(target.decryptUrl(), target.token(), target.decryptBody(),
                                        target.headers())
                                .status)
                        .named(target.name() + ", decrypt 1 KB, " + clients + " clients");
                rows.add(enc);
                rows.add(dec);
                byName.put(targets.indexOf(target) + "/encrypt/" + clients, enc);
                byName.put(targets.indexOf(target) + "/decrypt/" + clients, dec);
            }
            if (rss != null) {
                long peak = rss.stop();
                report.row("vault", "resident memory, " + target.name(),
                        "before load " + mb(before) + " MB, peak under load " + mb(peak) + " MB, after "
                                + mb(rssKb(target.pid())) + " MB",
                        "sampled every 50 ms during the 6 runs");
            }
        }
        report.table("vault: 1 KB fields, every vault-service call audited", rows);
        for (String op : List.of("encrypt", "decrypt")) {
            for (int clients : List.of(1, 8, 32)) {
                Load envelope = byName.get("0/" + op + "/" + clients);
                Load direct = byName.get("1/" + op + "/" + clients);
                Load baseline = byName.get("2/" + op + "/" + clients);
                double throughputRatio = envelope.throughput() / baseline.throughput();
                double latencyRatio = direct.p(50) / baseline.p(50);
                report.goal("vault " + op + ", " + clients + " clients: envelope throughput / baseline >= 3",
                        throughputRatio >= 3, fmt(throughputRatio) + "x");
                report.goal("vault " + op + ", " + clients + " clients: direct p50 / baseline p50 <= 1.3",
                        latencyRatio <= 1.3, fmt(latencyRatio) + "x");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ reporting

    void reporting() throws Exception {
        section("reporting-service");
        String tenant = "bench-report";
        String tok = token(tenant, "grc-admin", "compliance-manager", "auditor", "evidence-collector",
                "security-officer");
        String evidence = url(EVIDENCE);
        String catalog = url(CATALOG);
        String[] controls = {"mfa", "encryption-at-rest", "audit-logging", "access-review", "key-management", "tls"};

        // Half of Annex A implemented, so that the coverage path (implemented + fresh accepted evidence) is computed.
        Object checklist = Json.parse(get(catalog + "/api/v1/frameworks/iso27001-2022/checklist", tok)
                .require(200, "ISO 27001 checklist")
                .body);
        StringBuilder items = new StringBuilder();
        int implemented = 0;
        for (Object item : (List<?>) Json.get(checklist, "items")) {
            String code = Json.str(item, "code");
            if (code.startsWith("A.") && implemented++ % 2 == 0) {
                items.append(items.length() > 0 ? "," : "").append("{\"code\":").append(Json.quote(code))
                        .append(",\"applicable\":true,\"status\":\"implemented\",\"owner\":\"bench\"}");
            }
        }
        put(catalog + "/api/v1/frameworks/iso27001-2022/applicability", tok, "{\"items\":[" + items + "]}")
                .require(200, "bulk applicability");

        // 1,000 items through the API, each reviewed and accepted.
        AtomicInteger k = new AtomicInteger();
        loadCount(16, 1_000, i -> {
            int n = k.incrementAndGet();
            Answer created = post(evidence + "/api/v1/evidence", tok, "{\"title\":\"report bench " + n
                            + "\",\"controlIds\":[\"" + controls[n % controls.length] + "\"],\"record\":{\"n\":" + n
                            + "}}", Map.of())
                    .require(201, "evidence record");
            String id = Json.str(Json.parse(created.body), "id");
            return post(evidence + "/api/v1/evidence/" + id + "/review", tok, "{\"decision\":\"accepted\"}",
                            Map.of())
                    .require(200, "review")
                    .status;
        });
        List<Load> rows = new ArrayList<>();
        List<Load> small = reportLatencies(tok, "1,000");
        rows.addAll(small);
        long t0 = System.nanoTime();
        psql("cs_bench_evidence", bulkEvidenceSql(tenant, 99_000, controls));
        double seedSeconds = (System.nanoTime() - t0) / 1e9;
        List<Load> large = reportLatencies(tok, "100,000");
        rows.addAll(large);
        report.table("reporting: one tenant, REPORT_CACHE_TTL=0S so every request computes (sequential client)", rows);
        report.line("- the 99,000 further evidence items were inserted by SQL in " + fmt(seedSeconds) + " s (copies"
                + " of an API-created, accepted item with their own ids, control links and the per-control summary"
                + " the service keeps), not through the API; their ledger entries were not written");
        for (int i = 0; i < small.size(); i++) {
            double ratio = large.get(i).p(50) / small.get(i).p(50);
            report.goal(small.get(i).name.replace(", 1,000 evidence items", "") + ": p50 at 100,000 items / at 1,000"
                    + " <= 2", ratio <= 2, fmt(ratio) + "x (" + fmt(large.get(i).p(50)) + " ms / "
                    + fmt(small.get(i).p(50)) + " ms)");
        }
    }

    List<Load> reportLatencies(String tok, String label) throws Exception {
        String base = url(REPORTING);
        return List.of(
                load(1, i -> get(base + "/api/v1/dashboard", tok).status)
                        .named("dashboard, " + label + " evidence items"),
                load(1, i -> get(base + "/api/v1/reports/iso27001/soa", tok).status)
                        .named("ISO 27001 SoA, " + label + " evidence items"));
    }

    /**
     * Copies one evidence item the API created, {@code count} times, each with its own id, title and collection time
     * and one of the controls, and adds them to the per-control summary the service keeps on every write.
     */
    static String bulkEvidenceSql(String tenant, int count, String[] controls) {
        String ids = "ARRAY[" + String.join(",", Arrays.stream(controls).map(c -> "'" + c + "'").toList()) + "]";
        return "BEGIN;"
                + "CREATE TEMP TABLE tmpl AS SELECT * FROM evidence WHERE tenant = '" + tenant + "'"
                + " ORDER BY created_at LIMIT 1;"
                + "CREATE TEMP TABLE bulk AS SELECT gen_random_uuid() AS id, g AS n,"
                + " (" + ids + ")[1 + g % " + controls.length + "] AS control_id FROM generate_series(1, " + count
                + ") g;"
                + "INSERT INTO evidence SELECT (jsonb_populate_record(NULL::evidence, to_jsonb(t)"
                + " || jsonb_build_object('id', b.id, 'title', 'bulk bench ' || b.n,"
                + " 'collected_at', now() - b.n * interval '1 minute'))).* FROM tmpl t, bulk b;"
                + "INSERT INTO evidence_control (evidence_id, control_id) SELECT id, control_id FROM bulk;"
                + "UPDATE control_summary s SET accepted_count = s.accepted_count + c.n, updated_at = now()"
                + " FROM (SELECT control_id, count(*) n FROM bulk GROUP BY control_id) c"
                + " WHERE s.tenant = '" + tenant + "' AND s.control_id = c.control_id;"
                + "COMMIT;";
    }

    // ------------------------------------------------------------------------------------------------ processes

    final Map<String, Long> startupMillis = new ConcurrentHashMap<>();

    static int port(String service) {
        return switch (service) {
            case "catalog" -> CATALOG;
            case "evidence" -> EVIDENCE;
            case "vault" -> VAULT;
            default -> REPORTING;
        };
    }

    /** The environment {@code ./suite} gives a service, with the bench's ports, databases and keys. */
    Map<String, String> env(String service, Map<String, String> extra) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_URL", "jdbc:postgresql://localhost:5432/cs_bench_" + service);
        env.put("DB_USER", "compliance");
        env.put("DB_PASSWORD", "compliance");
        env.put("JWT_ISSUER", "https://compliance-suite.local");
        env.put("JWT_AUDIENCE", "compliance-suite");
        env.put("JWT_PUBLIC_KEY_LOCATION", state.resolve("keys/jwt-public.pem").toString());
        env.put("CATALOG_URL", url(CATALOG));
        env.put("EVIDENCE_URL", url(EVIDENCE));
        env.put("VAULT_SERVICE_URL", url(VAULT));
        env.put("LOG_JSON", "false");
        switch (service) {
            case "vault" -> {
                env.put("KEY_PROVIDER", "vault");
                env.put("VAULT_ADDR", vaultAddr());
                env.put("VAULT_AUTH", "token");
                env.put("VAULT_TOKEN", vaultToken());
                env.put("KEY_MODE", "envelope");
                // The benchmark measures cryptography and auditing, not the per-client rate limiter.
                env.put("RATE_LIMIT_PER_SECOND", "1000000");
                env.put("RATE_LIMIT_BURST", "1000000");
            }
            case "evidence" -> {
                env.put("CHECKPOINT_SIGNER", "config");
                env.put("CHECKPOINT_PRIVATE_KEY_LOCATION", state.resolve("keys/checkpoint-private.pem").toString());
                env.put("CHECKPOINT_PUBLIC_KEY_LOCATION", state.resolve("keys/checkpoint-public.pem").toString());
                env.put("SERVICE_TOKEN", token("bench", "auditor", "evidence-collector"));
                env.put("EVIDENCE_MAX_FILE_SIZE", "2G");
                env.put("MAX_BODY_SIZE", "2G");
            }
            case "reporting" -> env.put("REPORT_CACHE_TTL", "0S");
            default -> {}
        }
        env.putAll(extra);
        return env;
    }

    void startMeasured(String name, int port, Map<String, String> env) throws Exception {
        startMeasured(name, port, env, SERVICE_JVM_OPTIONS);
    }

    void startMeasured(String name, int port, Map<String, String> env, List<String> jvm) throws Exception {
        String service = name.replaceAll("-.*", "");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.add("-jar");
        command.add(root.resolve(service + "-service/target/quarkus-app/quarkus-run.jar").toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(state.resolve("logs/" + name + ".log").toFile());
        builder.environment().putAll(env);
        builder.environment().put("PORT", String.valueOf(port));
        long t0 = System.nanoTime();
        Process p = builder.start();
        processes.put(name, p);
        long deadline = t0 + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException(name + " exited; see " + state.resolve("logs/" + name + ".log"));
            }
            if (get(url(port) + "/q/health/ready", null).status == 200) {
                startupMillis.put(name, (System.nanoTime() - t0) / 1_000_000);
                System.out.printf("[bench] %s ready in %d ms%n", name, startupMillis.get(name));
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException(name + " not ready after 240 s");
    }

    void startTransit() throws Exception {
        Path target = root.resolve("vault-service/target");
        Path testJar;
        try (var files = Files.list(target)) {
            testJar = files.filter(f -> f.getFileName().toString().endsWith("-tests.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("vault-service's test-jar (the Transit test server) is"
                            + " missing; build with ./mvnw -B -DskipTests install"));
        }
        StringBuilder cp = new StringBuilder(testJar.toString());
        try (var jars = Files.list(target.resolve("quarkus-app/lib/main"))) {
            jars.forEach(j -> cp.append(':').append(j));
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                        "-cp", cp.toString(), "org.compliancesuite.vault.testing.TransitTestServer",
                        String.valueOf(TRANSIT), TRANSIT_TOKEN)
                .redirectErrorStream(true)
                .redirectOutput(state.resolve("logs/transit.log").toFile())
                .start();
        processes.put("transit", p);
        for (int i = 0; i < 300 && get(url(TRANSIT) + "/v1/sys/health", null).status != 200; i++) {
            Thread.sleep(100);
        }
    }

    void stop(String name) throws InterruptedException {
        Process p = processes.remove(name);
        if (p != null) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    void stopAll() {
        for (String name : new ArrayList<>(processes.keySet())) {
            try {
                stop(name);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String vaultAddr() {
        return REAL_VAULT ? REAL_VAULT_ADDR.replaceAll("/+$", "") : url(TRANSIT);
    }

    static String vaultToken() {
        return REAL_VAULT ? REAL_VAULT_TOKEN : TRANSIT_TOKEN;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** Samples a process's resident set every 50 ms and reports the peak. */
    static final class RssSampler {
        final AtomicLong peak = new AtomicLong();
        final Thread thread;
        volatile boolean running = true;

        RssSampler(long pid) {
            thread = Thread.ofPlatform().daemon().start(() -> {
                while (running) {
                    peak.accumulateAndGet(rssKb(pid), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return peak.get();
        }
    }

    String token(String tenant, String... roles) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("suite").toString(), "token", "--roles",
                String.join(",", roles), "--tenant", tenant, "--subject", "bench-" + tenant, "--ttl", "86400");
        pb.environment().put("SUITE_STATE_DIR", state.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IOException("./suite token failed: " + new String(p.getErrorStream().readAllBytes()));
        }
        return out;
    }

    void psql(String db, String sql) throws Exception {
        exec(List.of("psql", "-v", "ON_ERROR_STOP=1", "-q", "-h", "localhost", "-U", "compliance", "-d", db, "-c",
                sql), Duration.ofMinutes(10));
    }

    static String exec(List<String> command, Duration timeout) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", "compliance");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command).substring(0, 60) + "... failed: " + abbreviate(out));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ load

    /** Latencies of one measured run: throughput and percentiles. */
    static final class Load {
        String name;
        final long[] nanos;
        final int errors;
        final double seconds;
        final int clients;

        Load(long[] nanos, int errors, double seconds, int clients) {
            this.nanos = nanos;
            this.errors = errors;
            this.seconds = seconds;
            this.clients = clients;
            Arrays.sort(this.nanos);
        }

        Load named(String name) {
            this.name = name;
            return this;
        }

        double p(double percentile) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percentile / 100.0 * nanos.length) - 1;
            return nanos[Math.max(0, Math.min(nanos.length - 1, index))] / 1e6;
        }

        double throughput() {
            return nanos.length / seconds;
        }
    }

    /** {@code clients} loops for the warm-up, then for the measured time; only 2xx answers are timed. */
    Load load(int clients, IntFunction<Integer> op) throws InterruptedException {
        runFor(clients, warmup, op, null);
        AtomicInteger errors = new AtomicInteger();
        long t0 = System.nanoTime();
        List<List<Long>> perThread = runFor(clients, measure, op, errors);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] all = perThread.stream().flatMap(List::stream).mapToLong(Long::longValue).toArray();
        Load load = new Load(all, errors.get(), seconds, clients);
        System.out.printf("[bench] %d clients: %.0f/s p50 %.2f ms p99 %.2f ms errors %d%n", clients,
                load.throughput(), load.p(50), load.p(99), errors.get());
        return load;
    }

    /** A fixed number of operations spread over {@code clients}; all answers timed. */
    Load loadCount(int clients, int total, IntFunction<Integer> op) throws InterruptedException {
        AtomicInteger left = new AtomicInteger(total);
        AtomicInteger errors = new AtomicInteger();
        List<List<Long>> perThread = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            List<Long> mine = new ArrayList<>();
            perThread.add(mine);
            pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    long s = System.nanoTime();
                    int status = op.apply(0);
                    mine.add(System.nanoTime() - s);
                    if (status < 200 || status >= 300) {
                        errors.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Load(perThread.stream().flatMap(List::stream).mapToLong(Long::longValue).toArray(),
                errors.get(), seconds, clients);
    }

    private List<List<Long>> runFor(int clients, Duration d, IntFunction<Integer> op, AtomicInteger errors)
            throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        List<List<Long>> perThread = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            List<Long> mine = new ArrayList<>();
            perThread.add(mine);
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long s = System.nanoTime();
                    int status;
                    try {
                        status = op.apply(0);
                    } catch (RuntimeException e) {
                        status = -1;
                    }
                    long took = System.nanoTime() - s;
                    if (status >= 200 && status < 300) {
                        mine.add(took);
                    } else if (errors != null) {
                        errors.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        return perThread;
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    record Answer(int status, String body) {
        Answer require(int expected, String what) {
            if (status != expected) {
                throw new IllegalStateException(what + " answered " + status + ": " + abbreviate(body));
            }
            return this;
        }
    }

    static Answer get(String url, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.GET().build());
    }

    static Answer put(String url, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(json));
        return send(b.build());
    }

    static Answer post(String url, String token, String json, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        return send(b.build());
    }

    static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(-1, String.valueOf(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        }
    }

    static String url(int port) {
        return "http://localhost:" + port;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ------------------------------------------------------------------------------------------------ report

    void section(String title) {
        System.out.println("[bench] == " + title);
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String fmtList(List<Double> values) {
        return String.join(", ", values.stream().map(Bench::fmt).toList());
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }

    static String mb(long kb) {
        return fmt(kb / 1024.0);
    }

    static String abbreviate(String s) {
        String t = String.valueOf(s).replaceAll("\\s+", " ");
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }

    static final String README_START = "<!-- bench:start (written by bench/run) -->";
    static final String README_END = "<!-- bench:end -->";

    /** The results document: machine, date, then every measured figure. */
    final class Report {
        final StringBuilder body = new StringBuilder();
        final StringBuilder table = new StringBuilder();
        final StringBuilder goals = new StringBuilder();
        String machine;

        void machine(Path root) throws Exception {
            String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown");
            String mem = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
            String commit = exec(List.of("git", "-C", root.toString(), "rev-parse", "--short", "HEAD"),
                            Duration.ofSeconds(10))
                    .trim();
            machine = "- date: " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\n"
                    + "- machine: " + Runtime.getRuntime().availableProcessors() + " CPUs (nproc), " + cpu + ", "
                    + mem + "\n"
                    + "- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                    + ", services started with " + String.join(" ", SERVICE_JVM_OPTIONS) + "\n"
                    + "- commit: " + commit + "\n"
                    + "- measured runs: " + measure.toSeconds() + " s after a " + warmup.toSeconds()
                    + " s warm-up per row; PostgreSQL 15 on the same machine\n";
        }

        void startup(String service, Long millis, long rss) {
            row("startup", service, "ready in " + (millis == null ? "n/a" : fmt(millis / 1000.0)) + " s",
                    "resident memory 5 s after ready: " + mb(rss) + " MB");
        }

        void row(String area, String what, String figure, String note) {
            String line = "| " + area + " | " + what + " | " + figure + " | " + note + " |\n";
            table.append(line);
            System.out.print("[bench] " + line);
        }

        /** A goal the issues set, judged on the figure just measured; a missed goal is written as missed. */
        void goal(String what, boolean met, String measured) {
            String line = "| " + what + " | " + measured + " | " + (met ? "met" : "**missed**") + " |\n";
            goals.append(line);
            System.out.print("[bench] goal " + line);
        }

        void line(String text) {
            body.append(text).append('\n');
            System.out.println("[bench] " + text);
        }

        void table(String title, List<Load> loads) {
            StringBuilder t = new StringBuilder("\n#### " + title + "\n\n| operation | clients | ops/s | p50 ms |"
                    + " p95 ms | p99 ms | non-2xx |\n| --- | --- | --- | --- | --- | --- | --- |\n");
            for (Load l : loads) {
                t.append("| ").append(l.name).append(" | ").append(l.clients).append(" | ").append(fmt(l.throughput()))
                        .append(" | ").append(fmt(l.p(50))).append(" | ").append(fmt(l.p(95))).append(" | ")
                        .append(fmt(l.p(99))).append(" | ").append(l.errors).append(" |\n");
            }
            body.append(t);
            System.out.print(t);
        }

        void write(Path root) throws IOException {
            String goalTable = goals.isEmpty()
                    ? ""
                    : "\n| goal | measured | result |\n| --- | --- | --- |\n" + goals;
            String doc = "# Benchmark results\n\n" + machine + "\n| area | what | measured | note |\n"
                    + "| --- | --- | --- | --- |\n" + table + goalTable + "\n" + body;
            Path dir = root.resolve("bench/results");
            Files.createDirectories(dir);
            Path out = dir.resolve(LocalDate.now(ZoneOffset.UTC) + ".md");
            Files.writeString(out, doc);
            Path tableOut = Path.of(System.getProperty("bench.tableOut", dir.resolve("README-table.md").toString()));
            Files.writeString(tableOut, "Measured by `bench/run` (results file bench/results/" + out.getFileName()
                    + ")\n\n" + machine + "\n| area | what | measured | note |\n| --- | --- | --- | --- |\n" + table
                    + goalTable + "\n" + body);
            Path readme = root.resolve("README.md");
            String text = Files.readString(readme);
            int start = text.indexOf(README_START);
            int end = text.indexOf(README_END);
            if (start >= 0 && end > start && only.containsAll(List.of("catalog", "evidence", "vault", "reporting"))) {
                // the README quotes a full run as it was measured (a partial run leaves it alone)
                String figures = "Last run (" + out.getFileName() + "):\n\n" + machine + "\n| area | what | measured"
                        + " | note |\n| --- | --- | --- | --- |\n" + table + goalTable + "\n" + body;
                Files.writeString(
                        readme,
                        text.substring(0, start + README_START.length()) + "\n" + figures + "\n"
                                + text.substring(end));
            }
            System.out.println("[bench] results written to " + out + ", " + tableOut + " and README.md");
        }
    }

    // ------------------------------------------------------------------------------------------------ JSON

    /** Just enough JSON for the bench's answers: objects, arrays, strings, numbers, booleans, null. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json j = new Json(text);
            j.ws();
            return j.value();
        }

        static Object get(Object doc, String key) {
            return doc instanceof Map<?, ?> m ? m.get(key) : null;
        }

        static String str(Object doc, String key) {
            Object v = get(doc, key);
            return v == null ? null : String.valueOf(v);
        }

        static String quote(String v) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : v.toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.append('"').toString();
        }

        private Object value() {
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new TreeMap<>();
                i++;
                ws();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    ws();
                    String k = string();
                    ws();
                    i++; // ':'
                    ws();
                    m.put(k, value());
                    ws();
                    if (s.charAt(i++) == '}') {
                        return m;
                    }
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                ws();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    ws();
                    l.add(value());
                    ws();
                    if (s.charAt(i++) == ']') {
                        return l;
                    }
                }
            }
            if (c == '"') {
                return string();
            }
            if (s.startsWith("true", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("false", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            if (s.startsWith("null", i)) {
                i += 4;
                return null;
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String num = s.substring(start, i);
            return num.matches("-?\\d+") ? (Object) Long.parseLong(num) : (Object) Double.parseDouble(num);
        }

        private String string() {
            StringBuilder b = new StringBuilder();
            i++;
            while (s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
            i++;
            return b.toString();
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
