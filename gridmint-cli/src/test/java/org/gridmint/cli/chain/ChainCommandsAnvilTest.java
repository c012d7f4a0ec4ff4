package org.gridmint.cli.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridmint.api.ChainInfo;
import org.gridmint.api.ClaimView;
import org.gridmint.chain.ChainClient;
import org.gridmint.chain.ChainKeys;
import org.gridmint.chain.Deployment;
import org.gridmint.chain.Leaves;
import org.gridmint.chain.SettlementContracts;
import org.gridmint.chain.Units;
import org.gridmint.chain.testing.Anvil;
import org.gridmint.chain.testing.RequiresAnvil;
import org.gridmint.cli.Cli;
import org.gridmint.client.fake.FakeCoordinator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain side of {@code provider claim} and {@code wallet deposit} on real contracts on anvil, with the coordinator's
 * answers scripted by the client's fake coordinator: leaves a real coordinator would never hand out (a forged amount), a
 * coordinator that never credits a deposit, a node of another chain. The honest path with a real coordinator is
 * {@code SettlementIT}'s.
 */
@RequiresAnvil
class ChainCommandsAnvilTest {
    private static final BigInteger CREDITS = Units.toBaseUnits(2_000_000L);
    private static final BigInteger TOKENS = Units.toBaseUnits(5_000_000L);

    @TempDir Path tmp;
    Anvil anvil;
    ChainClient operator;
    SettlementContracts contracts;
    FakeCoordinator fake;
    List<String> dev;

    @BeforeEach
    void deploy() {
        anvil = Anvil.start();
        dev = anvil.devPrivateKeys();
        operator = ChainClient.connect(anvil.rpcUrl(), dev.get(0));
        // Genesis in the past, so that epoch 0 is over and may be posted at once.
        long genesis = java.time.Instant.now().getEpochSecond() - 100;
        contracts = SettlementContracts.deploy(operator, new Deployment(genesis, 10, Units.toBaseUnits(1_000_000_000L), 100));
        var a = contracts.addresses();
        fake = new FakeCoordinator().chain(new ChainInfo(ChainInfo.EVM, operator.chainId(), anvil.rpcUrl(), a.settlement(), a.stable(), a.grid(), 2,
                operator.address()));
    }

    @AfterEach
    void stop() {
        if (fake != null) fake.close();
        if (operator != null) operator.close();
        if (anvil != null) anvil.close();
    }

    private Cli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--coordinator", fake.url().toString(), "--data-dir", tmp.resolve("me").toString()));
        return Cli.run(Map.of(), all.toArray(String[]::new));
    }

    private Path key(int devIndex) {
        Path p = tmp.resolve("dev-" + devIndex + ".key");
        if (!p.toFile().exists()) ChainKeys.writeKeyFile(p, dev.get(devIndex));
        return p;
    }

    /** Posts epoch 0 with one leaf paying {@code address}, backed by a deposit of its credits. */
    private ClaimView postOneLeaf(String address) {
        contracts.mintStable(operator.address(), CREDITS);
        contracts.deposit("acct-backing", CREDITS);
        byte[] leaf = Leaves.leafHash(0, address, CREDITS, TOKENS);
        contracts.postEpoch(0, leaf, CREDITS, TOKENS);
        String hex = "0x" + java.util.HexFormat.of().formatHex(leaf);
        return new ClaimView(0, address, new BigDecimal("2"), new BigDecimal("5"), CREDITS.toString(), TOKENS.toString(), hex, List.of(), hex,
                ClaimView.CLAIMABLE);
    }

    @Test
    void claim_withAForgedAmount_showsTheContractsReason_andTheHonestLeafIsPaidOnce() {
        String payout = ChainKeys.addressOf(dev.get(2));
        ClaimView honest = postOneLeaf(payout);
        ClaimView forged = new ClaimView(0, payout, new BigDecimal("3"), honest.tokens(), CREDITS.add(BigInteger.ONE).toString(), honest.tokensBaseUnits(),
                honest.leaf(), List.of(), honest.root(), ClaimView.CLAIMABLE);
        fake.payoutAddress(payout).claims(List.of(forged, honest));

        Cli.Result r = run("provider", "claim", "--chain-key", key(2).toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("error: the claim of epoch 0 reverted: invalid proof");
        assertThat(r.out()).containsPattern("epoch 0: claimed 2 credits and 5 GRID to " + payout + ": tx 0x[0-9a-f]{64} \\(block \\d+, gas \\d+\\)")
                .contains("1 epoch(s) claimed, 1 reverted");
        assertThat(contracts.stableBalance(payout)).isEqualTo(CREDITS);
        assertThat(contracts.gridBalance(payout)).isEqualTo(TOKENS);

        fake.claims(List.of(honest));
        Cli.Result again = run("wallet", "claim", "--chain-key", key(2).toString(), "--epoch", "0");

        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("epoch 0: already claimed on-chain, skipped");
        assertThat(contracts.stableBalance(payout)).isEqualTo(CREDITS);
        assertThat(contracts.gridBalance(payout)).isEqualTo(TOKENS);
    }

    @Test
    void claim_sentFromAnotherKey_paysThePayoutAddress() {
        String payout = ChainKeys.addressOf(ChainKeys.newPrivateKeyHex());
        fake.payoutAddress(payout).claims(List.of(postOneLeaf(payout)));

        Cli.Result r = run("provider", "claim", "--chain-key", key(3).toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("sending from " + ChainKeys.addressOf(dev.get(3)) + " (it pays the gas); the funds go to the payout address " + payout);
        assertThat(contracts.stableBalance(payout)).isEqualTo(CREDITS);
        assertThat(contracts.isClaimed(0, payout)).isTrue();
    }

    @Test
    void claim_ofAnEpochWithoutALeaf_orWithoutAPayoutAddress_saysWhy() {
        Cli.Result noAddress = run("provider", "claim", "--chain-key", key(2).toString());
        fake.payoutAddress(ChainKeys.addressOf(dev.get(2)));
        Cli.Result nothing = run("provider", "claim", "--chain-key", key(2).toString());
        Cli.Result noLeaf = run("provider", "claim", "--chain-key", key(2).toString(), "--epoch", "7");

        assertThat(noAddress.exit()).isEqualTo(1);
        assertThat(noAddress.err()).contains("has no payout address").contains("gridmint wallet address --chain-key FILE");
        assertThat(nothing.exit()).as(nothing.err()).isZero();
        assertThat(nothing.out()).contains("nothing to claim for " + ChainKeys.addressOf(dev.get(2)) + ": no epoch has paid it yet");
        assertThat(noLeaf.exit()).isEqualTo(1);
        assertThat(noLeaf.err()).contains("--epoch 7: no batch pays");
    }

    @Test
    void deposit_thatTheCoordinatorNeverCredits_givesUpAfterItsBound_sayingTheDepositIsNotLost() {
        String from = ChainKeys.addressOf(dev.get(1));
        contracts.mintStable(from, Units.toBaseUnits(10_000_000L));

        Cli.Result r = run("wallet", "deposit", "3", "--chain-key", key(1).toString(), "--wait-timeout", "3s");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("deposited 3 credits from " + from + " for acct-").containsPattern("block \\d+: \\d of 2 confirmation\\(s\\)");
        assertThat(r.err()).contains("was not credited within 3 s. It is not lost");
        var events = contracts.deposits(0, operator.blockNumber());
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().amount()).isEqualTo(Units.toBaseUnits(3_000_000L));
        assertThat(events.getFirst().account()).startsWith("acct-");
        assertThat(contracts.stableBalance(from)).isEqualTo(Units.toBaseUnits(7_000_000L));
    }

    @Test
    void deposit_ofMoreThanTheAddressHolds_isRefusedBeforeSendingAnything() {
        Cli.Result r = run("wallet", "deposit", "3", "--chain-key", key(1).toString(), "--no-wait");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("holds 0 stable credits").contains("less than the 3 to deposit");
        assertThat(contracts.deposits(0, operator.blockNumber())).isEmpty();
    }

    @Test
    void deposit_throughANodeOfAnotherChain_isRefusedNamingRpc() {
        var a = contracts.addresses();
        fake.chain(new ChainInfo(ChainInfo.EVM, 1L, anvil.rpcUrl(), a.settlement(), a.stable(), a.grid(), 2, operator.address()));

        Cli.Result r = run("wallet", "deposit", "3", "--chain-key", key(1).toString(), "--no-wait");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("--rpc " + anvil.rpcUrl() + " serves chain 31337, but the coordinator settles on chain 1");
    }
}
