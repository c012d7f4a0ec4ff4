package org.gridmint.coordinator.economics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import org.gridmint.api.ClaimView;
import org.gridmint.api.NetworkReport;
import org.gridmint.api.PayoutAddressRequest;
import org.gridmint.api.SubmitJobRequest;
import org.gridmint.api.WithdrawRequest;
import org.gridmint.chain.ChainKeys;
import org.gridmint.chain.SettlementContracts;
import org.gridmint.chain.Units;
import org.gridmint.chain.testing.RequiresAnvil;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.coordinator.settlement.ChainBed;
import org.gridmint.coordinator.settlement.EvmChainAudit;
import org.gridmint.coordinator.store.EconomicsTx;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ledger.Escrow;
import org.gridmint.core.money.Credits;
import org.gridmint.core.spec.JobSpecValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credits the network issues (a SUBSIDY that pays a verification replica) are swept on-chain though nobody deposited them:
 * the operator backs the batch with a plain transfer before posting it, once, and the epoch records what it funded.
 */
@RequiresAnvil
class OperatorFundingTest {
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
    void anEpochPayingSubsidizedVerification_isBackedByTheOperator_posted_claimableInFull_andRecordsTheFunding() {
        chain = ChainBed.start(dir);
        var economics = EconomicsTestBase.economics(Duration.ofMinutes(1), 8760);
        net = new TestNetwork(dir.resolve("coord"), InstantSource.system(), c -> c.withEconomics(economics).withChain(chain.chain(2)));
        SettlementContracts contracts = ChainBed.contracts(net);
        String settlement = contracts.addresses().settlement();
        Farm farm = new Farm(net);
        String a = farm.add("a", Farm.Kind.HONEST);
        String b = farm.add("b", Farm.Kind.HONEST);
        List<String> addresses = List.of(address(5), address(6), address(7));
        net.coordinator.economics().setAddress(farm.owner(a), new PayoutAddressRequest(addresses.get(0)));
        net.coordinator.economics().setAddress(farm.owner(b), new PayoutAddressRequest(addresses.get(1)));
        net.coordinator.economics().setAddress(AccountId.of(CLIENT), new PayoutAddressRequest(addresses.get(2)));
        // The client deposits on-chain, runs a job whose replica the network pays at cost, and withdraws what is left: the
        // batch then pays out every deposited credit plus the verification the network issued credits for.
        var spec = Farm.replicated(1, 2, 2);
        Credits deposited = Escrow.maxCost(((JobSpecValidator.Valid) JobSpecValidator.validate(spec)).spec());
        chain.deposit(contracts, 1, CLIENT, deposited);
        chain.mine(2);
        assertThat(net.coordinator.depositWatcher().runOnce(net.clock.instant()).credited()).isEqualTo(1);
        String job = net.coordinator.jobs().submit(CLIENT, new SubmitJobRequest(spec, List.of())).id();
        assertThat(farm.run(CLIENT, job, List.of(a, b)).state()).isEqualTo("SUCCEEDED");
        BigDecimal left = net.coordinator.ledger().wallet(AccountId.of(CLIENT)).balance();
        net.coordinator.economics().withdraw(AccountId.of(CLIENT), new WithdrawRequest(left, null));
        BigInteger operatorBefore = contracts.stableBalance(contracts.operator());

        var loop = net.coordinator.epochLoop();
        net.clock.advance(Duration.between(net.clock.instant(), loop.epochs().end(0).plus(EpochLoop.settleDelay(loop.epochs().length()))));
        EpochLoop.Run run = loop.runOnce(net.clock.instant());
        assertThat(run).as("sent, not yet 2 blocks deep").isEqualTo(new EpochLoop.Run(1, 0));
        chain.mine(2);
        run = loop.runOnce(net.clock.instant());

        assertThat(run).isEqualTo(new EpochLoop.Run(0, 1));
        EconomicsTx.EpochRecord e = net.coordinator.store().inTransaction(tx -> tx.economics().epoch(0)).orElseThrow();
        assertThat(e.state()).isEqualTo(EconomicsTx.POSTED);
        NetworkReport.Epoch zero = net.coordinator.reports().report(2).epochs().getLast();
        Credits shortfall = e.payoutCredits().minus(deposited);
        // Not vacuous: the network issued credits, and the batch pays out more than was ever deposited.
        assertThat(zero.subsidyCredits()).isPositive();
        assertThat(shortfall.micros()).isPositive();
        assertThat(zero.operatorFunding()).isEqualByComparingTo(shortfall.toBigDecimal());
        assertThat(net.coordinator.reports().report(2).totals().operatorFunding()).isEqualByComparingTo(shortfall.toBigDecimal());
        assertThat(contracts.stableBalance(settlement)).isEqualTo(Units.toBaseUnits(e.payoutCredits().micros()));
        assertThat(contracts.stableBalance(settlement)).isGreaterThanOrEqualTo(contracts.outstanding());
        // The dev chain's operator had no stable credits of its own: it minted the shortfall, then transferred all of it.
        assertThat(contracts.stableBalance(contracts.operator())).isEqualTo(operatorBefore);
        assertThat(EvmChainAudit.check(net.coordinator.store(), contracts)).isEmpty();

        // Every leaf claims in full, and the contract ends owing nothing.
        for (AccountId owner : List.of(farm.owner(a), farm.owner(b), AccountId.of(CLIENT))) {
            for (ClaimView claim : net.coordinator.economics().claims(owner).claims()) {
                List<byte[]> proof = claim.proof().stream().map(p -> HexFormat.of().parseHex(p.substring(2))).toList();
                chain.as(contracts, 8).claim(0, claim.address(), new BigInteger(claim.creditsBaseUnits()), new BigInteger(claim.tokensBaseUnits()), proof);
                assertThat(contracts.stableBalance(claim.address())).isEqualTo(new BigInteger(claim.creditsBaseUnits()));
            }
        }
        assertThat(contracts.outstanding()).isZero();
        assertThat(contracts.stableBalance(settlement)).isZero();
        assertThat(EvmChainAudit.check(net.coordinator.store(), contracts)).isEmpty();
    }

    private String address(int devKey) {
        return ChainKeys.addressOf(chain.anvil.devPrivateKeys().get(devKey));
    }
}
