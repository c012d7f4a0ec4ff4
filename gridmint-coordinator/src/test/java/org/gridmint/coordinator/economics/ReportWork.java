package org.gridmint.coordinator.economics;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.gridmint.api.Assignment;
import org.gridmint.api.ClaimRequest;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.HeartbeatRequest;
import org.gridmint.api.JobView;
import org.gridmint.api.RegisterProviderRequest;
import org.gridmint.api.StakeRequest;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.verify.Trust;

/**
 * Providers for the report's tests, each under an owner of its own, driven through the coordinator's real claim, heartbeat
 * and complete calls; a cheater answers something else than the others. Only the agents' work is made up.
 */
final class ReportWork {
    private final TestNetwork net;
    private final java.util.Map<String, Provider> providers = new java.util.LinkedHashMap<>();

    record Provider(String id, AccountId owner, boolean honest) {}

    ReportWork(TestNetwork net) {
        this.net = net;
    }

    /** A provider at {@code price} per hour; {@code trusted} gives it a record of agreeing results in a row. */
    String add(String name, String price, boolean honest, boolean trusted) {
        AccountId owner = AccountId.of("acct-owner-" + name);
        String id = net.coordinator.providers().register(owner, new RegisterProviderRequest(null, name, 4, 8192, List.of(), "local", new BigDecimal(price),
                1, true, "test")).id();
        providers.put(id, new Provider(id, owner, honest));
        if (trusted) trust(id, new Trust(Trust.THRESHOLD + 5, Trust.THRESHOLD + 5, 0));
        return id;
    }

    void trust(String provider, Trust t) {
        net.coordinator.store().inTransaction(tx -> {
            tx.saveTrust(ProviderId.of(provider), t, net.clock.instant());
            return null;
        });
    }

    void stake(String provider, String credits) {
        Provider p = providers.get(provider);
        net.fund(p.owner(), credits);
        net.coordinator.stakes().stake(p.owner(), provider, new StakeRequest(new BigDecimal(credits)));
    }

    /** Only {@code ids} claim, in turn, until the job ends or none of them gets work. */
    JobView run(String client, String job, List<String> ids, int maxRounds) {
        for (int round = 0; round < maxRounds; round++) {
            boolean worked = false;
            for (String p : ids) worked |= step(p);
            JobView v = net.coordinator.jobs().get(client, job);
            if (v.state().equals("SUCCEEDED") || v.state().equals("FAILED") || !worked) return v;
            net.clock.advance(Duration.ofSeconds(1));
        }
        throw new AssertionError("job " + job + " did not end in " + maxRounds + " rounds");
    }

    JobView runAll(String client, String job) {
        return run(client, job, List.copyOf(providers.keySet()), 200);
    }

    private boolean step(String id) {
        Provider p = providers.get(id);
        List<Assignment> got;
        try {
            got = net.coordinator.work().claim(p.owner(), id, new ClaimRequest(1, 0));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        } catch (org.gridmint.coordinator.CoordinatorException.Forbidden quarantined) {
            return false;
        }
        for (Assignment a : got) {
            net.coordinator.work().heartbeat(p.owner(), a.attemptId(), new HeartbeatRequest(id, "working"));
            net.clock.advance(Duration.ofMillis(1500)); // what the bill pays for
            var out = net.blob("out/result.txt", p.honest() ? "result of task " + a.taskIndex() : "made up " + a.taskIndex());
            net.coordinator.work().complete(p.owner(), a.attemptId(), new CompleteRequest(id, 0, List.of(out), null, null, 1400));
        }
        return !got.isEmpty();
    }
}
