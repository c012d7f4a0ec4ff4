package org.gridmint.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gridmint.api.AttemptView;
import org.gridmint.api.JobBill;
import org.gridmint.api.JobView;
import org.gridmint.api.TaskView;
import org.gridmint.api.VerdictView;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.json.Json;
import org.gridmint.cli.it.CliNetwork.CoordinatorProcess;
import org.gridmint.cli.it.CliNetwork.ProviderProcess;
import org.gridmint.client.GridmintClient;
import org.gridmint.embed.DevicePreference;
import org.gridmint.embed.Embedder;
import org.gridmint.embed.ModelCatalog;
import org.gridmint.embed.Vectors;
import org.gridmint.provider.agent.FaultInjection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batch embed jobs across processes: a coordinator and provider agents serving {@value #MODEL} on the CPU, batch only
 * ({@code --no-online}). Every vector a job returns is checked against a direct run of the same model in this JVM, item by
 * item (cosine &ge; {@value #COSINE}), in input order, when a provider dies mid-job and when one returns random vectors.
 */
class EmbedBatchIT extends ProcessNetworkTest {
    private static final String MODEL = ModelCatalog.DEFAULT;
    private static final double COSINE = 0.9999;
    /** An agent's heap: the int8 model and its session take ~100 MB besides the agent. */
    private static final String AGENT_HEAP = "384m";
    private static final String HEARTBEAT = "1s";
    private static final BigDecimal STAKE = new BigDecimal("25");
    private static final Map<String, String> ALLOW_CHEATING = Map.of(FaultInjection.ENV_VAR, FaultInjection.ENV_VALUE);
    private static Embedder local;

    @BeforeAll
    static void loadLocalModel() {
        local = Embedder.load(MODEL, DevicePreference.CPU);
    }

    @AfterAll
    static void closeLocalModel() {
        local.close();
    }

    @Test
    void vectors_equalALocalRun_inInputOrder_whenAProviderDiesMidJob() throws IOException {
        CoordinatorProcess coordinator = net.startCoordinator(tmp.resolve("coordinator"), 0, HEARTBEAT);
        Map<String, ProviderProcess> byId = start(coordinator.url(), List.of("embedder-1", "embedder-2", "embedder-3"), Map.of()).values().stream()
                .collect(Collectors.toMap(ProviderProcess::id, Function.identity()));
        client = connect(coordinator.url());
        Input input = Input.write(tmp.resolve("spec/sentences.txt"), 480);
        Path spec = JobChecks.writeSpec(tmp.resolve("spec/embed.yaml"), """
                name: embed-kill
                runtime: embed
                model: %s
                input: sentences.txt
                shard: 30
                timeout: 2m
                retries: 10
                verify: none  # not a verification test: one result per task, so the kill is what matters
                # No backups: on a fast machine the other tasks take 0.1 s while the victim's first one loads the model,
                # so a backup won the victim's task before its lease ran out (SUPERSEDED, not LOST) and the failover
                # this test is about never happened.
                speculation: {enabled: false}
                """.formatted(MODEL));

        Processes.Completed submit = net.client(coordinator.url(), "job", "submit", spec.toString());
        assertThat(submit.exitCode()).as("%s", submit).isZero();
        String jobId = submit.firstLine();
        // The first attempts load the model (a second or more): the agent holding one is killed while it works on it.
        AttemptView running = Eventually.await("an attempt of " + jobId + " to be RUNNING", DEADLINE, () -> {
            coordinator.process().assertAlive();
            return JobChecks.attempts(client.job(jobId)).stream().filter(a -> "RUNNING".equals(a.state())).findFirst();
        });
        ProviderProcess victim = byId.get(running.providerId());
        assertThat(victim).as("provider %s of the running attempt among %s", running.providerId(), byId.keySet()).isNotNull();
        victim.process().kill();

        JobView done = JobChecks.awaitFinal(client, jobId, DEADLINE, () -> coordinator.process().assertAlive());

        assertThat(done.state()).as("job %s: %s", jobId, done.failureReason()).isEqualTo("SUCCEEDED");
        assertThat(done.taskCount()).isEqualTo((input.texts().size() + 29) / 30);
        List<AttemptView> lost = JobChecks.attempts(done).stream().filter(a -> victim.id().equals(a.providerId()) && "LOST".equals(a.state())).toList();
        assertThat(lost).as("attempts lost with the killed provider %s: %s", victim.id(), JobChecks.attempts(done)).isNotEmpty()
                .allSatisfy(a -> assertThat(a.reason()).isEqualTo("PROVIDER_LOST"));
        for (TaskView task : done.tasks()) JobChecks.successfulAttempt(task);
        byId.values().stream().filter(p -> p != victim).forEach(p -> p.process().assertAlive());

        // What the client downloads with the CLI: one .npy in input order, and JSON Lines with each item's id.
        Path npy = tmp.resolve("out/vectors.npy");
        Path jsonl = tmp.resolve("out/vectors.jsonl");
        Files.createDirectories(npy.getParent());
        for (List<String> args : List.of(List.of("--embeddings", npy.toString()), List.of("--embeddings", jsonl.toString(), "--format", "jsonl"))) {
            List<String> command = new ArrayList<>(List.of("job", "results", jobId));
            command.addAll(args);
            Processes.Completed results = net.client(coordinator.url(), command.toArray(String[]::new));
            assertThat(results.exitCode()).as("%s", results).isZero();
        }
        float[][] expected = local.embed(input.texts());
        float[][] rows = Vectors.fromNpy(Files.readAllBytes(npy));
        assertEqualsLocalRun(rows, expected, input.texts());
        List<String> lines = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(input.texts().size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode row = Json.mapper().readTree(lines.get(i));
            assertThat(row.get("index").intValue()).as("index on JSONL line %d", i + 1).isEqualTo(i);
            assertThat(row.get("id").textValue()).as("id of item %d: its line number in the input", i).isEqualTo(input.lineNumbers().get(i));
            float[] v = new float[row.get("embedding").size()];
            for (int d = 0; d < v.length; d++) v[d] = row.get("embedding").get(d).floatValue();
            assertThat(v).as("JSONL vector of item %d against the .npy row", i).containsExactly(rows[i]);
        }

        // The client pays for each task's one success; the attempts lost with the provider are not billed.
        JobBill bill = client.bill(jobId);
        assertThat(bill.tasks()).hasSize(done.taskCount()).allSatisfy(t -> assertThat(t.attempts().stream().filter(JobBill.AttemptBill::billed))
                .as("billed attempts of task %d", t.index()).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo("SUCCEEDED")));
        List<String> lostIds = lost.stream().map(AttemptView::id).toList();
        assertThat(bill.tasks().stream().flatMap(t -> t.attempts().stream()).filter(a -> lostIds.contains(a.attemptId())))
                .as("bill lines of the lost attempts").hasSameSizeAs(lostIds)
                .allSatisfy(a -> assertThat(a.billed() || a.billedMillis() > 0).as("%s billed", a.attemptId()).isFalse());
        assertThat(bill.inEscrow().signum()).isZero();
        assertThat(bill.paid().add(bill.fees()).add(bill.refunded())).isEqualByComparingTo(bill.held());
        assertLedgerVerifies();
    }

    @Test
    void randomVectors_areCaught_byCosineVerification() {
        CoordinatorProcess coordinator = net.startCoordinator(tmp.resolve("coordinator"), 0, HEARTBEAT, "--slash-quarantine", "10m");
        client = connect(coordinator.url());
        // Three owners (each agent its own key): replicas never share an owner, so every task can get three results.
        Map<String, ProviderProcess> started = start(coordinator.url(), List.of("honest-1", "honest-2"), Map.of());
        started.putAll(start(coordinator.url(), List.of("cheater"), Map.of("cheater", 11L)));
        for (String name : started.keySet()) stake(coordinator.url(), name, started.get(name).id());
        String cheater = started.get("cheater").id();
        Input input = Input.write(tmp.resolve("spec/sentences.txt"), 300);
        Path spec = JobChecks.writeSpec(tmp.resolve("spec/embed.yaml"), """
                name: embed-verified
                runtime: embed
                model: %s
                input: sentences.txt
                shard: 30
                timeout: 2m
                retries: 5
                minStake: 10
                # Every task is compared: two of three results must agree, each item's vector by cosine (the embed default).
                verify: {replicas: 3, quorum: 2}
                """.formatted(MODEL));

        Processes.Completed submit = net.client(coordinator.url(), "job", "submit", spec.toString());
        assertThat(submit.exitCode()).as("%s", submit).isZero();
        String jobId = submit.firstLine();
        JobView job = JobChecks.awaitFinal(client, jobId, DEADLINE, () -> coordinator.process().assertAlive());

        assertThat(job.state()).as("job %s: %s", jobId, job.failureReason()).isEqualTo("SUCCEEDED");
        assertThat(job.verdicts()).as("verdicts of %s", jobId).hasSize(job.taskCount()).allSatisfy(v -> {
            assertThat(v.outcome()).isEqualTo("ACCEPTED");
            assertThat(v.policy()).isEqualTo("replicas 3, quorum 2; compare npy with cosine similarity >= 0.9999");
        });
        List<VerdictView.ResultView> theirs = job.verdicts().stream().flatMap(v -> v.results().stream()).filter(r -> cheater.equals(r.providerId())).toList();
        System.out.printf("EmbedBatchIT: %d tasks, %d results of the cheater weighed; %s%n", job.taskCount(), theirs.size(), job.verification());
        assertThat(theirs).as("the cheater's results that a verdict weighed").isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.rejected() && !r.agrees()).as("%s", r).isTrue();
                    // Caught by the vectors themselves, item by item: a random unit vector is nowhere near the model's.
                    assertThat(r.evidence()).as("evidence against %s", r.attemptId()).containsPattern("embeddings\\.npy row \\d+: cosine .* < 0\\.9999");
                });
        assertThat(JobChecks.attempts(job)).as("attempts of the cheater whose result stands")
                .filteredOn(a -> cheater.equals(a.providerId()) && "SUCCEEDED".equals(a.state())).isEmpty();
        assertThat(job.verification().cheatersCaught()).isEqualTo(1);
        assertThat(client.bill(jobId).tasks().stream().flatMap(t -> t.attempts().stream()).filter(a -> cheater.equals(a.providerId())))
                .as("bill lines of the cheater").allSatisfy(a -> assertThat(a.billed()).as("%s billed", a.attemptId()).isFalse());
        var slashed = client.stakeOf(cheater);
        assertThat(slashed.slashed().signum()).as("slashed from the cheater: %s", slashed).isPositive();
        assertThat(client.providers()).filteredOn(p -> p.id().equals(cheater)).singleElement()
                .satisfies(p -> assertThat(p.quarantined()).as("cheater quarantined: %s", p.quarantineReason()).isTrue());
        for (String honest : List.of("honest-1", "honest-2")) {
            assertThat(client.stakeOf(started.get(honest).id()).slashed().signum()).as("slashed from %s", honest).isZero();
        }

        Path npy = tmp.resolve("out/vectors.npy");
        createDirectories(npy.getParent());
        client.downloadEmbeddings(jobId, "npy", npy);
        assertEqualsLocalRun(Vectors.fromNpy(read(npy)), local.embed(input.texts()), input.texts());
        assertLedgerVerifies();
    }

    /**
     * Launches the agents at once, serving {@value #MODEL} on the CPU for batch jobs only, and waits until each registered.
     * An agent named in {@code cheaters} returns random vectors for every task, with the fault seed given there.
     */
    private Map<String, ProviderProcess> start(URI coordinator, List<String> names, Map<String, Long> cheaters) {
        Map<String, RunningProcess> launched = new LinkedHashMap<>();
        for (String name : names) {
            List<String> flags = new ArrayList<>(List.of("--models", MODEL, "--device", "cpu", "--no-online"));
            Long seed = cheaters.get(name);
            if (seed != null) flags.addAll(List.of("--inject-wrong-results", "1.0", "--fault-seed", seed.toString()));
            launched.put(name, net.launchProvider(coordinator, name, 1, AGENT_HEAP, seed == null ? Map.of() : ALLOW_CHEATING, flags.toArray(String[]::new)));
        }
        Map<String, ProviderProcess> registered = new LinkedHashMap<>();
        launched.forEach((name, p) -> registered.put(name, net.awaitRegistered(p)));
        for (String name : cheaters.keySet()) {
            RunningProcess p = registered.get(name).process();
            assertThat(p.stdout() + p.stderr()).as("what cheating agent %s logged", name).contains("FAULT INJECTION IS ON");
        }
        return registered;
    }

    /** Funds the agent's account from the dev faucet and stakes {@link #STAKE} on it, so a slash has something to take. */
    private void stake(URI coordinator, String name, String providerId) {
        try (GridmintClient owner = new GridmintClient(coordinator, Identity.loadOrCreate(net.providerDir(name)))) {
            owner.faucet(STAKE.multiply(BigDecimal.TWO), "stake-funds-" + name);
            owner.stake(providerId, STAKE);
        }
        assertThat(client.stakeOf(providerId).staked()).as("stake of %s", name).isEqualByComparingTo(STAKE);
    }

    /** Row i is item i's vector from the local run: same count, same order, each within the cosine tolerance. */
    private static void assertEqualsLocalRun(float[][] rows, float[][] expected, List<String> texts) {
        assertThat(rows).as("rows of the job's vectors").hasNumberOfRows(expected.length);
        for (int i = 0; i < rows.length; i++) {
            assertThat(rows[i]).as("dimensions of item %d", i).hasSize(expected[i].length);
            assertThat(Vectors.cosine(rows[i], expected[i])).as("cosine of item %d ('%s') to a local run", i, texts.get(i)).isGreaterThanOrEqualTo(COSINE);
        }
    }

    private void assertLedgerVerifies() {
        for (Path dir : net.coordinatorDirs()) {
            Processes.Completed verify = net.verifyLedger(dir);
            assertThat(verify.exitCode()).as("ledger verify: %s", verify).isZero();
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A plain-text input file: varied, deterministic sentences, one per line, with a blank line every 37 lines (skipped,
     * yet counted, so an item's id, its line number, differs from its index + 1).
     *
     * @param texts the items, in input order
     * @param lineNumbers each item's 1-based line number, as text: the id the job gives it
     */
    private record Input(List<String> texts, List<String> lineNumbers) {
        static Input write(Path file, int lines) {
            String[] subjects = {"The red fox", "A tired engineer", "Our small boat", "The city council", "An old piano", "The night nurse",
                    "A hungry student", "The mountain village"};
            String[] verbs = {"crossed", "repaired", "watched", "ignored", "described", "painted", "sold"};
            String[] objects = {"the frozen river", "a broken server", "the evening storm", "the new budget", "a quiet melody",
                    "the harvest festival", "an unfinished novel", "the last train home", "a pile of receipts"};
            List<String> texts = new ArrayList<>();
            List<String> numbers = new ArrayList<>();
            StringBuilder out = new StringBuilder();
            for (int line = 1; line <= lines; line++) {
                if (line % 37 == 0) {
                    out.append('\n');
                    continue;
                }
                int i = line * 7919;
                String text = subjects[i % subjects.length] + " " + verbs[(i / 3) % verbs.length] + " " + objects[(i / 11) % objects.length]
                        + (line % 3 == 0 ? " after " + (line % 24) + " hours of rain" : "") + (line % 5 == 0 ? ", or so it seemed." : ".");
                texts.add(text);
                numbers.add(Integer.toString(line));
                out.append(text).append('\n');
            }
            JobChecks.writeSpec(file, out.toString());
            return new Input(List.copyOf(texts), List.copyOf(numbers));
        }
    }
}
