package org.gridmint.coordinator.economics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmint.api.Assignment;
import org.gridmint.api.ClaimRequest;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.FailRequest;
import org.gridmint.api.HeartbeatRequest;
import org.gridmint.api.JobView;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.spec.JobSpecDraft;

/**
 * Providers that do real work through the coordinator's claim, heartbeat, complete and fail calls, each under an owner
 * of its own: honest ones write the task's true output, a cheat something else, a flaky one fails what it claims.
 * Each attempt runs half a second (it reports 400 ms): what its bill, and its reward, count.
 */
final class Farm {
    enum Kind { HONEST, CHEAT, FLAKY }

    record Worker(String id, AccountId owner, Kind kind) {}

    static final long RUNTIME_MS = 400;

    private final TestNetwork net;
    private final Map<String, Worker> workers = new LinkedHashMap<>();

    Farm(TestNetwork net) {
        this.net = net;
    }

    /** A provider named {@code name} under its own owner acct-owner-NAME. */
    String add(String name, Kind kind) {
        return add(name, AccountId.of("acct-owner-" + name), kind);
    }

    String add(String name, AccountId owner, Kind kind) {
        String id = net.provider(owner, name, "0.5", 1);
        workers.put(id, new Worker(id, owner, kind));
        return id;
    }

    /** An honest provider with {@code gpus} T4s asking {@code price} per hour, under its own owner. */
    String addGpuRig(String name, int gpus, String price) {
        AccountId owner = AccountId.of("acct-owner-" + name);
        var cards = java.util.stream.IntStream.range(0, gpus).mapToObj(i -> new org.gridmint.api.GpuInfo("Tesla T4", 15_360, "GPU-" + i)).toList();
        String id = net.coordinator.providers().register(owner, new org.gridmint.api.RegisterProviderRequest(null, name, 8, 16_384, cards, "local",
                new java.math.BigDecimal(price), 1, true, "test")).id();
        workers.put(id, new Worker(id, owner, Kind.HONEST));
        return id;
    }

    AccountId owner(String provider) {
        return workers.get(provider).owner();
    }

    /** A job of {@code tasks} tasks whose every result is checked by {@code replicas} providers, {@code quorum} of which must agree. */
    static JobSpecDraft replicated(int tasks, int replicas, int quorum) {
        return TestNetwork.spec(tasks).withVerify(new JobSpecDraft.VerifyDraft(null, replicas, quorum, null, null));
    }

    /** Only {@code providers} claim, in turn, until the job ends or none of them gets work. */
    JobView run(String client, String job, List<String> providers) {
        for (int round = 0; round < 50; round++) {
            boolean worked = false;
            for (String p : providers) worked |= step(p);
            JobView v = net.coordinator.jobs().get(client, job);
            if (v.state().equals("SUCCEEDED") || v.state().equals("FAILED") || !worked) return v;
            net.clock.advance(java.time.Duration.ofMillis(100));
        }
        throw new AssertionError("job " + job + " did not end");
    }

    /** One claim by {@code provider}, and what it got run; whether it got any work. */
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
            net.coordinator.work().heartbeat(w.owner(), a.attemptId(), new HeartbeatRequest(provider, "working"));
            net.clock.advance(java.time.Duration.ofMillis(500));
            if (w.kind() == Kind.FLAKY) {
                net.coordinator.work().fail(w.owner(), a.attemptId(), new FailRequest(provider, "EXIT_NONZERO", "it broke", 1, null, null, RUNTIME_MS));
                continue;
            }
            String content = w.kind() == Kind.HONEST ? "result of task " + a.taskIndex() : "made up " + a.taskIndex();
            net.coordinator.work().complete(w.owner(), a.attemptId(),
                    new CompleteRequest(provider, 0, List.of(net.blob("out/result.txt", content)), null, null, RUNTIME_MS));
        }
        return !got.isEmpty();
    }
}
