package org.gridmint.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.core.RandomCases.between;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.gridmint.core.CoreFixtures;
import org.gridmint.core.RandomCases;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.ledger.LedgerRules.Decision;
import org.gridmint.core.money.Credits;
import org.gridmint.core.spec.JobSpec;
import org.junit.jupiter.api.Test;

/**
 * Random days of a market driven into an in-memory {@link Ledger} the way the coordinator drives its own: deposits,
 * job submissions (refused when funds are short), task completions (duplicated, reordered, some arriving after their
 * job ended), failures, cancellations and job ends, for several clients, providers and jobs. A {@link Model} knows what
 * each event should do; after every event the ledger must agree with it, pass {@link LedgerAudit}, and keep money whole.
 */
class LedgerPropertiesTest {
    private static final int CASES = 300;
    private static final int MAX_OPS = 60;
    private static final long MAX_DEPOSIT_MICROS = 20 * Credits.MICROS_PER_CREDIT;
    private static final long MAX_PRICE_MICROS = 2 * Credits.MICROS_PER_CREDIT;
    private static final long MAX_TIMEOUT_MILLIS = 3_600_000L;

    /** What happens, by index into the run's clients, providers and jobs. */
    sealed interface Op {
        /** A deposit; {@code ref} names it, so a retried deposit is the same one. */
        record Deposit(int ref, int client, long micros) implements Op {}

        record Submit(int job) implements Op {}

        /** An attempt of task {@code task} succeeded on {@code provider}, which asked {@code askMicros} an hour. */
        record Complete(int job, int task, int provider, long runtimeMillis, long askMicros) implements Op {}

        record Fail(int job, int task) implements Op {}

        record Cancel(int job) implements Op {}

        record End(int job) implements Op {}
    }

    /** How often each kind of event comes, relative to the others: deposit, submit, complete, fail, cancel, end. */
    private static final int[] KIND_WEIGHTS = {4, 3, 12, 2, 1, 1};
    private static final int KIND_WEIGHTS_SUM = java.util.stream.IntStream.of(KIND_WEIGHTS).sum();

    record JobPlan(int client, int tasks, long timeoutMillis, long maxPriceMicros) {}

    record Run(int feeBasisPoints, int clients, int providers, List<JobPlan> jobs, List<Op> ops) {}

    static Run run(RandomGenerator r) {
        int clients = r.nextInt(1, 4);
        int providers = r.nextInt(1, 4);
        List<JobPlan> jobs = new ArrayList<>();
        for (int j = r.nextInt(1, 5); j > 0; j--) {
            jobs.add(new JobPlan(r.nextInt(clients), r.nextInt(1, 6), between(r, 1_000, MAX_TIMEOUT_MILLIS), between(r, 1, MAX_PRICE_MICROS)));
        }
        List<Op> ops = new ArrayList<>();
        int deposits = 0;
        for (int i = r.nextInt(MAX_OPS + 1); i > 0; i--) {
            int job = r.nextInt(jobs.size());
            JobPlan plan = jobs.get(job);
            int task = r.nextInt(plan.tasks());
            int w = r.nextInt(KIND_WEIGHTS_SUM);
            int kind = 0;
            while (w >= KIND_WEIGHTS[kind]) w -= KIND_WEIGHTS[kind++];
            ops.add(switch (kind) {
                case 0 -> new Op.Deposit(deposits++, r.nextInt(clients), between(r, 1, MAX_DEPOSIT_MICROS));
                case 1 -> new Op.Submit(job);
                case 2 -> new Op.Complete(job, task, r.nextInt(providers), between(r, 0, 2 * plan.timeoutMillis()),
                        between(r, 0, 2 * plan.maxPriceMicros()));
                case 3 -> new Op.Fail(job, task);
                case 4 -> new Op.Cancel(job);
                default -> new Op.End(job);
            });
        }
        // Messages come twice and out of order: copy some events to a later place, and swap some neighbours.
        for (int i = ops.isEmpty() ? 0 : r.nextInt(ops.size() / 4 + 1); i > 0; i--) {
            int from = r.nextInt(ops.size());
            ops.add(r.nextInt(from, ops.size()) + 1, ops.get(from));
        }
        for (int i = ops.size() < 2 ? 0 : r.nextInt(ops.size() / 4 + 1); i > 0; i--) {
            int at = r.nextInt(ops.size() - 1);
            ops.set(at, ops.set(at + 1, ops.get(at)));
        }
        return new Run(r.nextInt(10) == 0 ? 0 : (int) between(r, 0, 5000), clients, providers, List.copyOf(jobs), List.copyOf(ops));
    }

    /** What the model saw happen, summed over every case, to show that each path was taken. */
    enum Seen { DEPOSIT_RETRIED, HELD, HOLD_REFUSED, HOLD_RETRIED, TASK_PAID, COMPLETION_REPEATED, COMPLETION_CLASHED, COMPLETION_AFTER_END, REFUNDED, END_REPEATED }

    @Test
    void randomMarket_keepsTheLedgerWholeAndAuditable() {
        Map<Seen, Integer> seen = new EnumMap<>(Seen.class);
        RandomCases.forEach(CASES, 0x6C6564676572L, LedgerPropertiesTest::run, run -> {
            var m = new Model(run, seen);
            for (int i = 0; i < run.ops().size(); i++) {
                try {
                    m.apply(run.ops().get(i));
                    m.checkInvariants();
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError("at op " + i + " " + run.ops().get(i) + ": " + e.getMessage(), e);
                }
            }
        });
        assertThat(seen).as("every path of the model is taken").containsOnlyKeys(Seen.values());
    }

    @Test
    void randomMarket_postedAgain_changesNothing() {
        RandomCases.forEach(CASES, 0x7265706F7374L, LedgerPropertiesTest::run, run -> {
            var m = new Model(run, new EnumMap<>(Seen.class));
            run.ops().forEach(m::apply);
            var journal = List.copyOf(m.ledger.journal());
            var balances = Map.copyOf(m.ledger.balances());

            for (JournalEntry e : journal) {
                assertThat(m.ledger.post(e.posting(), Instant.MAX)).isEqualTo(new Decision.AlreadyPosted(e));
            }

            assertThat(m.ledger.journal()).isEqualTo(journal);
            assertThat(m.ledger.balances()).isEqualTo(balances);
        });
    }

    /** One change to a journal: {@code how} 0 adds a micro-credit to an entry, 1 removes it, 2 swaps it with the next. */
    record Tampering(Run run, int how, int where) {}

    @Test
    void randomMarket_tamperedOnce_failsTheAudit() {
        RandomCases.forEach(CASES, 0x74616D706572L, r -> new Tampering(run(r), r.nextInt(3), r.nextInt(Integer.MAX_VALUE)), t -> {
            var m = new Model(t.run(), new EnumMap<>(Seen.class));
            t.run().ops().forEach(m::apply);
            List<JournalEntry> journal = new ArrayList<>(m.ledger.journal());
            if (journal.size() < 2) return;
            int at = t.where() % (journal.size() - 1); // not the last: a journal cut short is not seen by its chain
            var e = journal.get(at);
            var p = e.posting();
            switch (t.how()) {
                case 0 -> journal.set(at, new JournalEntry(e.seq(), new Posting(p.kind(), p.reference(), p.from(), p.to(),
                        p.amount().plus(Credits.ofMicros(1))), e.at(), e.prevHash(), e.hash()));
                case 1 -> journal.remove(at);
                default -> journal.set(at, journal.set(at + 1, e));
            }
            var audit = new LedgerAudit();
            journal.forEach(audit::accept);

            assertThat(audit.finish(m.ledger.balances(), m.endedIds()).breaks())
                    .extracting(LedgerAudit.Break::problem).containsAnyOf(LedgerAudit.Problem.CHAIN, LedgerAudit.Problem.SEQUENCE);
        });
    }

    /** What each event should do to the ledger, and the sums to hold it to. */
    static final class Model {
        final Ledger ledger = new Ledger();
        private final Map<Seen, Integer> seen;
        private final FeeRate fee;
        private final List<JobPlan> plans;
        private final List<JobSpec> specs = new ArrayList<>();
        private final int clients;
        private final int providers;
        private final long[] deposited;
        private final long[] earned;
        private long fees;
        private final Map<Integer, Long> deposits = new HashMap<>();
        // per job
        private final boolean[] held;
        private final boolean[] ended;
        private final long[] heldMicros;
        private final long[] paidMicros;
        private final long[] feeMicros;
        private final long[] refundedMicros;
        private final Map<Integer, Posting> refunds = new HashMap<>();
        // per task: the charge of the success that paid it, and to whom
        private final Map<TaskId, Escrow.Charge> charged = new HashMap<>();
        private final Map<TaskId, AccountId> paidTo = new HashMap<>();
        private int step;

        Model(Run run, Map<Seen, Integer> seen) {
            this.seen = seen;
            this.fee = new FeeRate(run.feeBasisPoints());
            this.plans = run.jobs();
            this.clients = run.clients();
            this.providers = run.providers();
            for (JobPlan p : plans) {
                specs.add(LedgerFixtures.spec(CoreFixtures.draft().withTasks(p.tasks()).withTimeout(p.timeoutMillis() + "ms")
                        .withMaxPrice(Credits.ofMicros(p.maxPriceMicros()).toString())));
            }
            deposited = new long[clients];
            earned = new long[providers];
            int jobs = plans.size();
            held = new boolean[jobs];
            ended = new boolean[jobs];
            heldMicros = new long[jobs];
            paidMicros = new long[jobs];
            feeMicros = new long[jobs];
            refundedMicros = new long[jobs];
        }

        static AccountId client(int i) {
            return AccountId.of("acct-client" + i);
        }

        static AccountId owner(int i) {
            return AccountId.of("acct-owner" + i);
        }

        static JobId job(int j) {
            return JobId.of("job-" + j);
        }

        Set<JobId> endedIds() {
            Set<JobId> out = new HashSet<>();
            for (int j = 0; j < ended.length; j++) if (ended[j]) out.add(job(j));
            return out;
        }

        void apply(Op op) {
            Instant at = CoreFixtures.NOW.plusSeconds(step++);
            switch (op) {
                case Op.Deposit d -> deposit(d, at);
                case Op.Submit s -> submit(s.job(), at);
                case Op.Complete c -> complete(c, at);
                case Op.Fail f -> { } // a failed attempt is never charged: nothing to post
                case Op.Cancel c -> end(c.job(), at);
                case Op.End e -> end(e.job(), at);
            }
        }

        private void deposit(Op.Deposit d, Instant at) {
            var posting = new Posting(PostingKind.DEPOSIT, "dep-" + d.ref(), LedgerAccount.ISSUER, LedgerAccount.party(client(d.client())),
                    Credits.ofMicros(d.micros()));
            if (deposits.containsKey(d.ref())) {
                expectUnchanged(posting, at, Decision.AlreadyPosted.class);
                saw(Seen.DEPOSIT_RETRIED);
                return;
            }
            expectPosted(posting, at);
            deposits.put(d.ref(), d.micros());
            deposited[d.client()] += d.micros();
        }

        private void submit(int j, Instant at) {
            var hold = Escrow.hold(job(j), client(plans.get(j).client()), specs.get(j));
            if (held[j]) {
                expectUnchanged(hold, at, Decision.AlreadyPosted.class);
                saw(Seen.HOLD_RETRIED);
                return;
            }
            if (ended[j]) return; // a cancelled job is not submitted again; a refused one may be, once its client has the funds
            Credits balance = ledger.balance(hold.from());
            if (balance.compareTo(hold.amount()) < 0) {
                assertThat(ledger.post(hold, at)).isEqualTo(new Decision.Insufficient(balance, hold.amount().minus(balance)));
                assertThat(ledger.balance(hold.from())).isEqualTo(balance);
                saw(Seen.HOLD_REFUSED);
                return;
            }
            expectPosted(hold, at);
            held[j] = true;
            heldMicros[j] = hold.amount().micros();
            saw(Seen.HELD);
        }

        private void complete(Op.Complete c, Instant at) {
            int j = c.job();
            if (!held[j]) return; // a job that was never accepted runs no task
            TaskId task = new TaskId(job(j), c.task());
            JobSpec spec = specs.get(j);
            var charge = Escrow.charge(c.runtimeMillis(), Credits.ofMicros(c.askMicros()), spec, fee);
            assertThat(charge.gross()).isLessThanOrEqualTo(Escrow.taskCap(spec));
            var first = charged.get(task);
            if (first != null) {
                // The task already succeeded: its payment, sent again, is the one already made...
                for (Posting p : Escrow.pay(task, paidTo.get(task), first)) expectUnchanged(p, at, Decision.AlreadyPosted.class);
                // ...and a second success priced otherwise cannot pay its provider again.
                var again = Escrow.pay(task, owner(c.provider()), charge).stream().filter(p -> p.kind() == PostingKind.PAY).findFirst();
                var firstPay = Escrow.pay(task, paidTo.get(task), first).stream().filter(p -> p.kind() == PostingKind.PAY).findFirst();
                if (again.isPresent() && firstPay.isPresent()) {
                    boolean same = again.get().equals(firstPay.get());
                    expectUnchanged(again.get(), at, same ? Decision.AlreadyPosted.class : Decision.Clash.class);
                    if (!same) saw(Seen.COMPLETION_CLASHED);
                }
                saw(Seen.COMPLETION_REPEATED);
                return;
            }
            if (ended[j]) {
                // Too late: the job's escrow went back to its client, so there is nothing left to pay from.
                for (Posting p : Escrow.pay(task, owner(c.provider()), charge)) expectUnchanged(p, at, Decision.Insufficient.class);
                saw(Seen.COMPLETION_AFTER_END);
                return;
            }
            for (Posting p : Escrow.pay(task, owner(c.provider()), charge)) expectPosted(p, at);
            charged.put(task, charge);
            paidTo.put(task, owner(c.provider()));
            paidMicros[j] += charge.net().micros();
            feeMicros[j] += charge.fee().micros();
            earned[c.provider()] += charge.net().micros();
            fees += charge.fee().micros();
            saw(Seen.TASK_PAID);
        }

        private void end(int j, Instant at) {
            if (ended[j]) {
                if (refunds.containsKey(j)) expectUnchanged(refunds.get(j), at, Decision.AlreadyPosted.class);
                saw(Seen.END_REPEATED);
                return;
            }
            ended[j] = true;
            if (!held[j]) return;
            var refund = Escrow.refund(job(j), client(plans.get(j).client()), ledger.balance(LedgerAccount.escrow(job(j))));
            if (refund.isEmpty()) return;
            expectPosted(refund.get(), at);
            refunds.put(j, refund.get());
            refundedMicros[j] = refund.get().amount().micros();
            saw(Seen.REFUNDED);
        }

        private void expectPosted(Posting p, Instant at) {
            int size = ledger.journal().size();
            assertThat(ledger.post(p, at)).as("posting %s", p).isEqualTo(new Decision.Post());
            assertThat(ledger.journal()).hasSize(size + 1);
            assertThat(ledger.journal().getLast().posting()).isEqualTo(p);
        }

        private void expectUnchanged(Posting p, Instant at, Class<? extends Decision> decision) {
            var journal = List.copyOf(ledger.journal());
            var balances = Map.copyOf(ledger.balances());
            assertThat(ledger.post(p, at)).as("posting %s", p).isInstanceOf(decision);
            assertThat(ledger.journal()).isEqualTo(journal);
            assertThat(ledger.balances()).isEqualTo(balances);
        }

        private void saw(Seen s) {
            seen.merge(s, 1, Integer::sum);
        }

        void checkInvariants() {
            var audit = new LedgerAudit();
            ledger.journal().forEach(audit::accept);
            var report = audit.finish(ledger.balances(), endedIds());
            assertThat(report.breaks()).as("audit").isEmpty();

            long sum = 0;
            for (var e : ledger.balances().entrySet()) {
                if (!e.getKey().mayGoNegative()) assertThat(e.getValue().isNegative()).as("%s is negative", e.getKey()).isFalse();
                sum += e.getValue().micros();
            }
            assertThat(sum).as("sum of all balances").isZero();

            Map<String, Integer> paysByTask = new HashMap<>();
            Map<String, Long> costByTask = new HashMap<>();
            for (JournalEntry e : ledger.journal()) {
                Posting p = e.posting();
                if (p.kind() == PostingKind.PAY) paysByTask.merge(p.reference(), 1, Integer::sum);
                if (p.kind() == PostingKind.PAY || p.kind() == PostingKind.FEE) costByTask.merge(p.reference(), p.amount().micros(), Long::sum);
            }
            assertThat(paysByTask.values()).as("PAY entries per task").allMatch(n -> n == 1);
            costByTask.forEach((task, cost) -> {
                int j = Integer.parseInt(task.substring("job-".length(), task.indexOf('/')));
                assertThat(cost).as("paid for %s", task).isLessThanOrEqualTo(Escrow.taskCap(specs.get(j)).micros());
            });

            long[] clientCost = new long[clients];
            for (int j = 0; j < plans.size(); j++) {
                long left = ledger.balance(LedgerAccount.escrow(job(j))).micros();
                assertThat(heldMicros[j]).as("job %d: held = left + paid + fees + refunded", j)
                        .isEqualTo(left + paidMicros[j] + feeMicros[j] + refundedMicros[j]);
                if (ended[j]) assertThat(left).as("job %d ended with escrow", j).isZero();
                assertThat(audit.escrowOf(job(j))).isEqualTo(new LedgerAudit.EscrowTotals(Credits.ofMicros(heldMicros[j]),
                        Credits.ofMicros(paidMicros[j] + feeMicros[j]), Credits.ofMicros(refundedMicros[j])));
                clientCost[plans.get(j).client()] += paidMicros[j] + feeMicros[j] + left;
            }
            long issued = 0;
            for (int c = 0; c < clients; c++) {
                assertThat(ledger.balance(LedgerAccount.party(client(c))).micros()).as("client %d: deposits - spent - held", c)
                        .isEqualTo(deposited[c] - clientCost[c]);
                issued += deposited[c];
            }
            for (int p = 0; p < providers; p++) {
                assertThat(ledger.balance(LedgerAccount.party(owner(p))).micros()).as("owner %d: earned", p).isEqualTo(earned[p]);
            }
            assertThat(ledger.balance(LedgerAccount.TREASURY).micros()).as("treasury").isEqualTo(fees);
            assertThat(report.issued().micros()).as("issued").isEqualTo(issued);
        }
    }
}
