package org.gridmint.coordinator.economics;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.coordinator.settlement.SettlementPort;
import org.gridmint.coordinator.store.EconomicsTx;
import org.gridmint.core.economics.EmissionSchedule;
import org.gridmint.core.economics.Tokens;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A coordinator with short epochs, driven by hand: tests do work, move the clock past an epoch and run the epoch loop. */
abstract class EconomicsTestBase {
    static final String CLIENT = "acct-client";
    /** 1000 GRID per epoch, 10% to the treasury. */
    static final Tokens INITIAL = Tokens.parse("1000");

    @TempDir
    Path dir;
    TestNetwork net;
    Farm farm;

    static org.gridmint.coordinator.economics.EconomicsConfig economics(Duration epoch, long halving) {
        return new org.gridmint.coordinator.economics.EconomicsConfig(epoch, null, new EmissionSchedule(INITIAL, halving), 1000, new BigDecimal("0.05"));
    }

    /** Opens the network (embedded settlement when {@code port} is null) and a farm of providers on it. */
    void open(org.gridmint.coordinator.economics.EconomicsConfig config, SettlementPort port) {
        net = port == null ? new TestNetwork(dir, InstantSource.system(), c -> c.withEconomics(config))
                : new TestNetwork(dir, InstantSource.system(), c -> c.withEconomics(config), (c, g, s) -> port);
        farm = new Farm(net);
    }

    @AfterEach
    void closeNetwork() {
        if (net != null) net.close();
    }

    EpochLoop loop() {
        return net.coordinator.epochLoop();
    }

    /** Moves the clock to just after the start of epoch {@code n} (never back). */
    void moveTo(long n) {
        Instant at = loop().epochs().start(n).plusMillis(1);
        if (net.clock.instant().isBefore(at)) net.clock.advance(Duration.between(net.clock.instant(), at));
    }

    /** Moves the clock past the end of epoch {@code n} and its settle delay, and runs the loop once. */
    EpochLoop.Run closeThrough(long n) {
        Instant at = loop().epochs().end(n).plus(EpochLoop.settleDelay(loop().epochs().length()));
        if (net.clock.instant().isBefore(at)) net.clock.advance(Duration.between(net.clock.instant(), at));
        return loop().runOnce(net.clock.instant());
    }

    EconomicsTx.EpochRecord epoch(long n) {
        return net.coordinator.store().inTransaction(tx -> tx.economics().epoch(n)).orElseThrow(() -> new AssertionError("epoch " + n + " is not closed"));
    }

    List<EconomicsTx.EpochReward> rewards(long n) {
        return net.coordinator.store().inTransaction(tx -> tx.economics().epochRewards(n));
    }

    EconomicsTx.TokenBalance gridOf(AccountId account) {
        return gridOf(account.value());
    }

    EconomicsTx.TokenBalance gridOf(String account) {
        return net.coordinator.store().inTransaction(tx -> tx.economics().tokenBalance(account));
    }

    List<EconomicsTx.RewardedWork> rewardedWork() {
        List<EconomicsTx.RewardedWork> out = new java.util.ArrayList<>();
        net.coordinator.store().inTransaction(tx -> {
            tx.economics().scanRewardedWork(out::add);
            return null;
        });
        return out;
    }

    Credits balance(AccountId account) {
        return net.coordinator.store().inTransaction(tx -> tx.ledger().balance(LedgerAccount.party(account)));
    }

    /** A replicated job of one task (2 replicas, both must agree), run by {@code providers} until it ends. */
    String verifiedJob(String... providers) {
        String job = net.submit(CLIENT, Farm.replicated(1, 2, 2)).id();
        var done = farm.run(CLIENT, job, List.of(providers));
        if (!done.state().equals("SUCCEEDED")) throw new AssertionError("job " + job + " ended " + done.state());
        return job;
    }

    static Tokens grid(String text) {
        return Tokens.parse(text);
    }
}
