package org.gridmint.coordinator.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.gridmint.api.Assignment;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.SubmitJobRequest;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.PostingKind;
import org.junit.jupiter.api.Test;

/** Many threads completing (twice each) and cancelling one job at once: money is conserved and no task is paid twice or missed. */
class LedgerRaceTest extends InProcessNetworkTest {
    static final AccountId CLIENT = AccountId.of("acct-client");

    @Test
    void racingCompletionsAndACancel_keepTheLedgerWhole() throws Exception {
        int tasks = 60;
        net.fund(CLIENT, "100");
        String job = net.coordinator.jobs().submit(CLIENT.value(), new SubmitJobRequest(TestNetwork.spec(tasks), List.of())).id();
        List<String> providers = new ArrayList<>();
        List<Assignment> assigned = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String p = net.provider("p" + i, "0.36", tasks / 4);
            providers.add(p);
            for (Assignment a : net.claim(p, tasks / 4)) assigned.add(a);
        }
        assertThat(assigned).hasSize(tasks);
        net.clock.advance(Duration.ofSeconds(10));

        // Every completion is sent twice, in shuffled order, with the job's cancel somewhere in the middle.
        List<Runnable> calls = new ArrayList<>();
        for (Assignment a : assigned) {
            String provider = providers.get(assigned.indexOf(a) / (tasks / 4));
            Runnable complete = () -> net.coordinator.work().complete(TestNetwork.OWNER, a.attemptId(),
                    new CompleteRequest(provider, 0, List.of(), null, null, 10_000));
            calls.add(complete);
            calls.add(complete);
        }
        Collections.shuffle(calls, new java.util.Random(7));
        calls.add(calls.size() / 2, () -> net.coordinator.jobs().cancel(CLIENT.value(), job));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (int i = thread; i < calls.size(); i += threads) {
                        try {
                            calls.get(i).run();
                        } catch (CoordinatorException.Conflict lostTheRace) {
                            // A completion after the cancel, or a cancel after the last completion: expected losers.
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        var verified = LedgerVerifier.verify(net.coordinator.store());
        assertThat(verified.breaks()).isEmpty();
        var bill = net.coordinator.ledger().bill(CLIENT, job);
        long succeeded = bill.tasks().stream().filter(t -> t.state().equals("SUCCEEDED")).count();
        long pays = net.coordinator.store().inTransaction(tx -> tx.ledger().entriesOf(LedgerAccount.party(TestNetwork.OWNER), Long.MAX_VALUE, 1000))
                .stream().filter(e -> e.posting().kind() == PostingKind.PAY).count();
        assertThat(pays).as("one payment per succeeded task").isEqualTo(succeeded);
        assertThat(bill.inEscrow()).isZero();
        BigDecimal client = net.coordinator.ledger().wallet(CLIENT).balance();
        BigDecimal owner = net.coordinator.ledger().wallet(TestNetwork.OWNER).balance();
        BigDecimal treasury = net.coordinator.store().inTransaction(tx -> tx.ledger().balance(LedgerAccount.TREASURY)).toBigDecimal();
        assertThat(client.add(owner).add(treasury)).as("all 100 credits are somewhere").isEqualByComparingTo("100");
        assertThat(bill.charged()).isEqualByComparingTo(BigDecimal.valueOf(succeeded).multiply(new BigDecimal("0.001")));
    }
}
