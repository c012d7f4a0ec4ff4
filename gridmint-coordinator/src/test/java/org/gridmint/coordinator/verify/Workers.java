package org.gridmint.coordinator.verify;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.gridmint.api.Assignment;
import org.gridmint.api.ClaimRequest;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.HeartbeatRequest;
import org.gridmint.api.JobView;
import org.gridmint.api.StakeRequest;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.coordinator.store.TaskResult;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.verify.Trust;

/**
 * Providers of a verification test, each under an owner of its own unless told otherwise, each with what it answers for
 * a task (honest: the task's true output; a cheater: something else), driven through the coordinator's real claim and
 * complete calls until the job ends. No part of the coordinator is faked: only the agents' work is.
 */
final class Workers {
    /** What a provider writes for task {@code index}: the output file's content. */
    static final BiFunction<String, Integer, String> HONEST = (provider, index) -> "result of task " + index;
    static final BiFunction<String, Integer, String> CHEAT = (provider, index) -> "made up " + index;

    private final TestNetwork net;
    private final Map<String, Worker> workers = new LinkedHashMap<>();

    record Worker(String id, AccountId owner, BiFunction<String, Integer, String> answer) {}

    Workers(TestNetwork net) {
        this.net = net;
    }

    /** A provider named {@code name} under {@code owner} (a fresh account per name unless shared on purpose). */
    String add(String name, AccountId owner, String price, BiFunction<String, Integer, String> answer) {
        String id = net.provider(owner, name, price, 1);
        workers.put(id, new Worker(id, owner, answer));
        return id;
    }

    /** A trusted provider in {@code region} (the others' is "local"), under an owner of its own. */
    String addTrustedIn(String name, String region, BiFunction<String, Integer, String> answer) {
        AccountId owner = AccountId.of("acct-owner-" + name);
        String id = net.coordinator.providers().register(owner, new org.gridmint.api.RegisterProviderRequest(null, name, 4, 8192, List.of(), region,
                new BigDecimal("0.9"), 1, true, "test")).id();
        workers.put(id, new Worker(id, owner, answer));
        trust(id, new Trust(Trust.THRESHOLD + 5, Trust.THRESHOLD + 5, 0));
        return id;
    }

    String add(String name, BiFunction<String, Integer, String> answer) {
        return add(name, AccountId.of("acct-owner-" + name), "0.5", answer);
    }

    /**
     * A provider that starts out trusted (a record of agreeing results in a row), as a long honest history leaves it. It
     * asks more than {@link #add}'s providers, so that the market gives it first results and replicas only when nobody
     * else may take them: tests then know where tie-breakers go.
     */
    String addTrusted(String name, BiFunction<String, Integer, String> answer) {
        String id = add(name, AccountId.of("acct-owner-" + name), "0.9", answer);
        trust(id, new Trust(Trust.THRESHOLD + 5, Trust.THRESHOLD + 5, 0));
        return id;
    }

    /** Gives the provider the record {@code t}, as its history would have left it. */
    void trust(String provider, Trust t) {
        net.coordinator.store().inTransaction(tx -> {
            tx.saveTrust(ProviderId.of(provider), t, net.clock.instant());
            return null;
        });
    }

    /** Stakes {@code credits} on the provider, from its owner's wallet. */
    void stake(String provider, String credits) {
        Worker w = workers.get(provider);
        net.fund(w.owner(), credits);
        net.coordinator.stakes().stake(w.owner(), provider, new StakeRequest(new BigDecimal(credits)));
    }

    /** The providers, in the order they were added, each claiming and completing what the market gives it, until the job ends. */
    JobView runUntilDone(String client, String job) {
        return run(client, job, List.copyOf(workers.keySet()), 200);
    }

    /** Only {@code providers} claim, each in turn, until none of them gets work or the job ends. */
    JobView run(String client, String job, List<String> providers, int maxRounds) {
        for (int round = 0; round < maxRounds; round++) {
            boolean worked = false;
            for (String p : providers) worked |= step(p);
            JobView v = net.coordinator.jobs().get(client, job);
            if (v.state().equals("SUCCEEDED") || v.state().equals("FAILED") || v.state().equals("CANCELLED") || !worked) return v;
            net.clock.advance(java.time.Duration.ofSeconds(1));
        }
        throw new AssertionError("job " + job + " did not end in " + maxRounds + " rounds");
    }

    /** One claim by {@code provider}, and its answers completed; whether it got any work. */
    boolean step(String provider) {
        Worker w = workers.get(provider);
        List<Assignment> got;
        try {
            got = net.coordinator.work().claim(w.owner(), provider, new ClaimRequest(1, 0));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        } catch (org.gridmint.coordinator.CoordinatorException.Forbidden quarantined) {
            return false;
        }
        for (Assignment a : got) {
            // Started, then ran for half a second: what the bill pays for.
            net.coordinator.work().heartbeat(w.owner(), a.attemptId(), new HeartbeatRequest(provider, "working"));
            net.clock.advance(java.time.Duration.ofMillis(500));
            var out = net.blob("out/result.txt", w.answer().apply(provider, a.taskIndex()));
            net.coordinator.work().complete(w.owner(), a.attemptId(), new CompleteRequest(provider, 0, List.of(out), null, null, 400));
        }
        return !got.isEmpty();
    }

    Trust trust(String provider) {
        return net.coordinator.store().inTransaction(tx -> tx.trust(ProviderId.of(provider)));
    }

    List<TaskResult> results(String job) {
        return net.coordinator.store().inTransaction(tx -> tx.results(JobId.of(job)));
    }

    AccountId owner(String provider) {
        return workers.get(provider).owner();
    }

    List<String> all() {
        return new ArrayList<>(workers.keySet());
    }
}
