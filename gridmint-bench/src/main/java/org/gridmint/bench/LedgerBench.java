package org.gridmint.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gridmint.coordinator.store.JdbcStore;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.ledger.Ledger;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.LedgerRules;
import org.gridmint.core.ledger.Posting;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.money.Credits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Durable ledger postings per second through the coordinator's real store (SQLite, WAL, synchronous=NORMAL, in a
 * temp dir), batched as the coordinator batches them: a task's completion commits its PAY and FEE in one
 * transaction ({@link #completion}); {@link #batch64} commits 64 postings per transaction, the ceiling that
 * batching several completions per transaction would reach. {@link #inMemory} runs the same rules and hashing
 * with no store, the bound that the rules themselves set. Scores are postings per second (one thread).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LedgerBench {
    private static final AccountId CLIENT = AccountId.of("acct-bench-client");
    private static final AccountId OWNER = AccountId.of("acct-bench-owner");
    private static final JobId JOB = JobId.of("job-bench");
    private static final Credits PAY = Credits.ofMicros(990);
    private static final Credits FEE = Credits.ofMicros(10);

    private Path dir;
    private JdbcStore store;
    private Ledger memory;
    private int task;
    private final Instant now = Instant.parse("2026-11-25T00:00:00Z");

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("gridmint-ledger-bench");
        store = JdbcStore.sqlite(dir);
        // Enough in one job's escrow for every task a run can pay.
        Credits plenty = Credits.parse("1000000000");
        List<Posting> setup = List.of(new Posting(PostingKind.DEPOSIT, "bench-funds", LedgerAccount.ISSUER, LedgerAccount.party(CLIENT), plenty),
                new Posting(PostingKind.HOLD, JOB.value(), LedgerAccount.party(CLIENT), LedgerAccount.escrow(JOB), plenty));
        store.inTransaction(tx -> tx.ledger().post(setup, now));
    }

    /** The in-memory ledger keeps every entry; a fresh one per iteration keeps the heap, not the rules, from being measured. */
    @Setup(Level.Iteration)
    public void freshMemoryLedger() {
        memory = new Ledger();
        Credits plenty = Credits.parse("1000000000");
        memory.post(new Posting(PostingKind.DEPOSIT, "bench-funds", LedgerAccount.ISSUER, LedgerAccount.party(CLIENT), plenty), now);
        memory.post(new Posting(PostingKind.HOLD, JOB.value(), LedgerAccount.party(CLIENT), LedgerAccount.escrow(JOB), plenty), now);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private List<Posting> nextTasks(int tasks) {
        List<Posting> out = new ArrayList<>(tasks * 2);
        for (int i = 0; i < tasks; i++) {
            String ref = new TaskId(JOB, task++).toString();
            out.add(new Posting(PostingKind.PAY, ref, LedgerAccount.escrow(JOB), LedgerAccount.party(OWNER), PAY));
            out.add(new Posting(PostingKind.FEE, ref, LedgerAccount.escrow(JOB), LedgerAccount.TREASURY, FEE));
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public List<LedgerRules.Decision> completion() {
        List<Posting> batch = nextTasks(1);
        return store.inTransaction(tx -> tx.ledger().post(batch, now));
    }

    @Benchmark
    @OperationsPerInvocation(64)
    public List<LedgerRules.Decision> batch64() {
        List<Posting> batch = nextTasks(32);
        return store.inTransaction(tx -> tx.ledger().post(batch, now));
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public LedgerRules.Decision inMemory() {
        LedgerRules.Decision last = null;
        for (Posting p : nextTasks(1)) last = memory.post(p, now);
        return last;
    }
}
