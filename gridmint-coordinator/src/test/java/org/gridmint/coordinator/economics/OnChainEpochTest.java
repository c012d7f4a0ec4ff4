package org.gridmint.coordinator.economics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import org.gridmint.api.ClaimView;
import org.gridmint.api.PayoutAddressRequest;
import org.gridmint.api.SubmitJobRequest;
import org.gridmint.chain.ChainKeys;
import org.gridmint.chain.SettlementContracts;
import org.gridmint.chain.Units;
import org.gridmint.chain.testing.RequiresAnvil;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.coordinator.settlement.ChainBed;
import org.gridmint.coordinator.settlement.EvmChainAudit;
import org.gridmint.coordinator.store.EconomicsTx;
import org.gridmint.coordinator.store.JdbcStore;
import org.gridmint.core.ledger.Escrow;
import org.gridmint.core.money.Credits;
import org.gridmint.core.spec.JobSpecValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An epoch settled on a real anvil chain: a client deposits on-chain, a replicated job pays two providers, the epoch's
 * batch is posted to the Settlement contract, a provider claims its leaf, and the chain audit holds until the epochs row
 * is tampered with.
 */
@RequiresAnvil
class OnChainEpochTest {
    private static final String CLIENT = "acct-client";

    @TempDir Path dir;
    private ChainBed chain;
    private TestNetwork net;

    @AfterEach
    void close() {
        try {
            if (net != null) net.close();
        } finally {
            if (chain != null) chain.close();
        }
    }

    @Test
    void anEpochOfARealJob_isPostedOnChain_asTheEpochsRowSays_claimable_andTheChainAuditCatchesATamperedRow() throws Exception {
        chain = ChainBed.start(dir);
        var economics = EconomicsTestBase.economics(Duration.ofMinutes(1), 8760);
        net = new TestNetwork(dir.resolve("coord"), InstantSource.system(), c -> c.withEconomics(economics).withChain(chain.chain(2)));
        SettlementContracts contracts = ChainBed.contracts(net);
        Farm farm = new Farm(net);
        String a = farm.add("a", Farm.Kind.HONEST);
        String b = farm.add("b", Farm.Kind.HONEST);
        String x = ChainKeys.addressOf(chain.anvil.devPrivateKeys().get(5));
        String y = ChainKeys.addressOf(chain.anvil.devPrivateKeys().get(6));
        net.coordinator.economics().setAddress(farm.owner(a), new PayoutAddressRequest(x));
        net.coordinator.economics().setAddress(farm.owner(b), new PayoutAddressRequest(y));
        // The client pays with credits deposited on-chain, so the contract backs what the epoch pays out.
        var spec = Farm.replicated(1, 2, 2);
        Credits maxCost = Escrow.maxCost(((JobSpecValidator.Valid) JobSpecValidator.validate(spec)).spec());
        chain.deposit(contracts, 1, CLIENT, maxCost);
        chain.mine(2);
        assertThat(net.coordinator.depositWatcher().runOnce(net.clock.instant()).credited()).isEqualTo(1);
        String job = net.coordinator.jobs().submit(CLIENT, new SubmitJobRequest(spec, List.of())).id();
        assertThat(farm.run(CLIENT, job, List.of(a, b)).state()).isEqualTo("SUCCEEDED");

        var loop = net.coordinator.epochLoop();
        net.clock.advance(Duration.between(net.clock.instant(), loop.epochs().end(0).plus(EpochLoop.settleDelay(loop.epochs().length()))));
        EpochLoop.Run run = loop.runOnce(net.clock.instant());
        // Sent but not yet 2 blocks deep: the epoch stays CLOSED (a reorg could still drop it) and so do its claims.
        assertThat(run).isEqualTo(new EpochLoop.Run(1, 0));
        assertThat(net.coordinator.store().inTransaction(tx -> tx.economics().epoch(0)).orElseThrow().state()).isEqualTo(EconomicsTx.CLOSED);
        assertThat(net.coordinator.economics().claims(farm.owner(a)).claims()).singleElement()
                .satisfies(c -> assertThat(c.state()).isEqualTo(ClaimView.CLOSED));
        chain.mine(2);
        run = loop.runOnce(net.clock.instant());

        assertThat(run).isEqualTo(new EpochLoop.Run(0, 1));
        EconomicsTx.EpochRecord e = net.coordinator.store().inTransaction(tx -> tx.economics().epoch(0)).orElseThrow();
        assertThat(e.state()).isEqualTo(EconomicsTx.POSTED);
        assertThat(e.payoutCredits().micros()).isPositive();
        assertThat(e.payoutTokens().micros()).isPositive();
        var onChain = contracts.epoch(0).orElseThrow();
        assertThat("0x" + HexFormat.of().formatHex(onChain.root())).isEqualTo(e.root());
        assertThat(onChain.credits()).isEqualTo(Units.toBaseUnits(e.payoutCredits().micros()));
        assertThat(onChain.tokens()).isEqualTo(Units.toBaseUnits(e.payoutTokens().micros()));
        assertThat(EvmChainAudit.check(net.coordinator.store(), contracts)).isEmpty();

        // The provider's owner claims its leaf (anyone may send it; the funds go to the leaf's address).
        ClaimView claim = net.coordinator.economics().claims(farm.owner(a)).claims().getFirst();
        List<byte[]> proof = claim.proof().stream().map(p -> HexFormat.of().parseHex(p.substring(2))).toList();
        chain.as(contracts, 7).claim(0, x, new BigInteger(claim.creditsBaseUnits()), new BigInteger(claim.tokensBaseUnits()), proof);

        assertThat(contracts.stableBalance(x)).isEqualTo(new BigInteger(claim.creditsBaseUnits()));
        assertThat(contracts.gridBalance(x)).isEqualTo(new BigInteger(claim.tokensBaseUnits()));
        assertThat(net.coordinator.settlement().claimed(0, x)).isTrue();
        assertThat(EvmChainAudit.check(net.coordinator.store(), contracts)).isEmpty();

        tamper("UPDATE epochs SET payout_credits = payout_credits + 1 WHERE epoch = 0");
        var breaks = EvmChainAudit.check(net.coordinator.store(), contracts);
        tamper("UPDATE epochs SET payout_credits = payout_credits - 1 WHERE epoch = 0");

        assertThat(breaks).singleElement().satisfies(br -> assertThat(br.detail()).contains("epoch 0 (POSTED)").contains("the contract holds root"));
        assertThat(EvmChainAudit.check(net.coordinator.store(), contracts)).isEmpty();
    }

    private void tamper(String sql) throws Exception {
        Path db = net.config.dataDir().resolve(JdbcStore.SQLITE_FILE);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); PreparedStatement ps = c.prepareStatement(sql)) {
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }
}
