package org.gridmint.coordinator.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.gridmint.chain.SettlementContracts;
import org.gridmint.chain.Units;
import org.gridmint.chain.testing.RequiresAnvil;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.core.economics.Tokens;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator backs what a batch pays out beyond what the settlement contract holds (network-issued credits), with a plain
 * transfer read from the chain each time, once no operator transaction is pending: never twice across retries and
 * restarts; minted on a dev chain whose stable token the coordinator deployed, asked of the operator's owner otherwise.
 */
@RequiresAnvil
class OperatorBackingTest {
    private static final Credits FIVE = Credits.parse("5");

    @TempDir Path dir;
    private ChainBed chain;

    @BeforeEach
    void startChain() {
        chain = ChainBed.start(dir);
    }

    @AfterEach
    void stopChain() {
        if (chain != null) chain.close();
    }

    @Test
    void post_ofCreditsTheContractDoesNotHold_onADevChain_mintsAndTransfersTheShortfall_once() {
        try (TestNetwork net = chain.network(dir.resolve("coord"), 6)) {
            SettlementPort port = net.coordinator.settlement();
            SettlementContracts c = ChainBed.contracts(net);
            byte[] root = EvmSettlementTest.root(port, 1, FIVE, Tokens.ZERO);

            PostedEpoch first = port.post(1, root, FIVE, Tokens.ZERO);
            PostedEpoch again = port.post(1, root, FIVE, Tokens.ZERO);

            assertThat(first.funded()).isEqualTo(FIVE);
            assertThat(again.funded()).isEqualTo(Credits.ZERO);
            assertThat(c.stableBalance(c.addresses().settlement())).isEqualTo(base(FIVE));
            assertThat(c.outstanding()).isEqualTo(base(FIVE));
            assertThat(c.stableBalance(c.operator())).isZero();
        }
    }

    @Test
    void aTopUpWhosePostFails_isNotRepeated_byTheRetry_norAfterARestart() {
        Path data = dir.resolve("coord");
        long epoch = Duration.between(ChainBed.GENESIS, Instant.now()).toHours() + 1; // ends within two hours: not over yet
        byte[] root;
        try (TestNetwork net = chain.network(data, 6)) {
            SettlementPort port = net.coordinator.settlement();
            SettlementContracts c = ChainBed.contracts(net);
            root = EvmSettlementTest.root(port, epoch, FIVE, Tokens.ZERO);

            assertThatThrownBy(() -> port.post(epoch, root, FIVE, Tokens.ZERO))
                    .isInstanceOfSatisfying(SettlementException.class, e -> assertThat(e.retryable()).isTrue()).hasMessageContaining("epoch not over");
            assertThatThrownBy(() -> port.post(epoch, root, FIVE, Tokens.ZERO)).hasMessageContaining("epoch not over");

            assertThat(c.stableBalance(c.addresses().settlement())).isEqualTo(base(FIVE));
            assertThat(c.stableBalance(c.operator())).isZero();
        }
        chain.rpc("evm_increaseTime", "10800");
        chain.mine(1);
        // A restarted coordinator (nothing in memory) finds the contract backed already: it posts without funding again.
        try (TestNetwork net = chain.network(data, 6)) {
            SettlementContracts c = ChainBed.contracts(net);

            PostedEpoch p = net.coordinator.settlement().post(epoch, root, FIVE, Tokens.ZERO);

            assertThat(p.funded()).isEqualTo(Credits.ZERO);
            assertThat(c.stableBalance(c.addresses().settlement())).isEqualTo(base(FIVE));
            assertThat(c.outstanding()).isEqualTo(base(FIVE));
        }
    }

    @Test
    void aPostRetriedInTheSameProcess_reportsWhatTheEarlierTryFunded() {
        long epoch = Duration.between(ChainBed.GENESIS, Instant.now()).toHours() + 1;
        try (TestNetwork net = chain.network(dir.resolve("coord"), 6)) {
            SettlementPort port = net.coordinator.settlement();
            byte[] root = EvmSettlementTest.root(port, epoch, FIVE, Tokens.ZERO);
            assertThatThrownBy(() -> port.post(epoch, root, FIVE, Tokens.ZERO)).hasMessageContaining("epoch not over");
            chain.rpc("evm_increaseTime", "10800");
            chain.mine(1);

            PostedEpoch p = port.post(epoch, root, FIVE, Tokens.ZERO);

            assertThat(p.funded()).isEqualTo(FIVE);
            SettlementContracts c = ChainBed.contracts(net);
            assertThat(c.stableBalance(c.addresses().settlement())).isEqualTo(base(FIVE));
        }
    }

    @Test
    void aTopUpStillPendingInTheMempool_isNotSentAgain_andTheRetryFundsOnlyWhatIsStillMissing() {
        Credits two = Credits.parse("2");
        try (TestNetwork net = chain.network(dir.resolve("coord"), 6)) {
            SettlementPort port = net.coordinator.settlement();
            SettlementContracts c = ChainBed.contracts(net);
            String contract = c.addresses().settlement();
            byte[] root = EvmSettlementTest.root(port, 1, FIVE, Tokens.ZERO);
            c.mintStable(c.operator(), base(two));
            // A top-up of 2 sent by an earlier try whose receipt wait timed out: still in the mempool, not in the latest balance.
            chain.rpc("evm_setAutomine", "false");
            String transfer = "0xa9059cbb" + "0".repeat(24) + contract.substring(2) + String.format("%064x", base(two));
            chain.rpc("eth_sendTransaction", "{\"from\":\"" + c.operator() + "\",\"to\":\"" + c.addresses().stable() + "\",\"data\":\"" + transfer + "\"}");

            assertThatThrownBy(() -> port.post(1, root, FIVE, Tokens.ZERO))
                    .isInstanceOfSatisfying(SettlementException.class, e -> assertThat(e.retryable()).isTrue())
                    .hasMessageContaining("a transaction of the operator " + c.operator() + " is still pending; will retry");
            assertThat(c.stableBalance(contract)).isZero();

            chain.rpc("evm_setAutomine", "true");
            chain.mine(1);
            PostedEpoch p = port.post(1, root, FIVE, Tokens.ZERO);

            assertThat(p.funded()).isEqualTo(Credits.parse("3"));
            assertThat(c.stableBalance(contract)).isEqualTo(base(FIVE));
            assertThat(c.stableBalance(c.operator())).isZero();
        }
    }

    @Test
    void anOperatorShortOfAStableTokenItDidNotDeploy_isToldHowMuchToFundAndWhere_retryable_untilFunded() {
        String contract;
        try (TestNetwork first = chain.network(dir.resolve("first"), 6)) {
            contract = first.coordinator.settlement().info().settlementContract();
        }
        // Attached by address, without the chain.json of the coordinator that deployed it: its stable token is not this one's to mint.
        try (TestNetwork net = new TestNetwork(dir.resolve("attached"), java.time.InstantSource.system(), cfg -> cfg.withEconomics(ChainBed.economics())
                .withChain(new ChainConfig(chain.anvil.rpcUrl(), chain.keyFile, contract, 6, Duration.ofMillis(200), null)))) {
            SettlementPort port = net.coordinator.settlement();
            SettlementContracts c = ChainBed.contracts(net);
            byte[] root = EvmSettlementTest.root(port, 1, FIVE, Tokens.ZERO);

            assertThatThrownBy(() -> port.post(1, root, FIVE, Tokens.ZERO))
                    .isInstanceOfSatisfying(SettlementException.class, e -> assertThat(e.retryable()).isTrue())
                    .hasMessageContaining("needs 5 stable credits more in the settlement contract " + contract)
                    .hasMessageContaining("fund the operator " + c.operator() + " with at least 5 more");
            assertThat(port.posted(1)).isEmpty();
            assertThat(c.stableBalance(contract)).isZero();

            c.mintStable(c.operator(), base(Credits.parse("3")).add(base(FIVE))); // its owner funds it (here: the test, as StableCredit's owner)
            PostedEpoch p = port.post(1, root, FIVE, Tokens.ZERO);

            assertThat(p.funded()).isEqualTo(FIVE);
            assertThat(c.stableBalance(contract)).isEqualTo(base(FIVE));
            assertThat(c.stableBalance(c.operator())).isEqualTo(base(Credits.parse("3")));
        }
    }

    private static BigInteger base(Credits credits) {
        return Units.toBaseUnits(credits.micros());
    }
}
