package org.gridmint.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.gridmint.core.economics.EmissionSchedule;
import org.gridmint.core.economics.Tokens;
import org.junit.jupiter.api.Test;

class EpochPostingTest extends ChainFixture {
    private static final byte[] ROOT = Leaves.keccak256("some root".getBytes());

    @Test
    void theOperatorPostsAnEndedBackedEpochAndTheContractMintsItsTokens() {
        fundAndDeposit(1, "acct", credits(100));
        TxReceipt r = contracts.postEpoch(3, ROOT, credits(40), INITIAL_EMISSION);

        assertThat(r.gasUsed()).isPositive();
        EpochPosting posted = contracts.epoch(3).orElseThrow();
        assertThat(posted).isEqualTo(new EpochPosting(3, ROOT, credits(40), INITIAL_EMISSION));
        assertThat(contracts.outstanding()).isEqualTo(credits(40));
        assertThat(contracts.minted()).isEqualTo(INITIAL_EMISSION);
        assertThat(contracts.gridBalance(contracts.addresses().settlement())).isEqualTo(INITIAL_EMISSION);
        assertThat(contracts.epoch(4)).isEmpty();
    }

    @Test
    void onlyTheOperatorMayPost() {
        assertThatThrownBy(() -> contracts.as(client(1)).postEpoch(0, ROOT, BigInteger.ZERO, BigInteger.ONE))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.revertReason()).isEqualTo("only operator"));
        assertThat(contracts.epoch(0)).isEmpty();
    }

    @Test
    void anEpochThatHasNotEndedCannotBePosted() {
        long current = (latestTimestamp() - genesis) / 60; // the epoch now running
        assertThatThrownBy(() -> contracts.postEpoch(current, ROOT, BigInteger.ZERO, BigInteger.ONE))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.revertReason()).isEqualTo("epoch not over"));
        contracts.postEpoch(current - 1, ROOT, BigInteger.ZERO, BigInteger.ONE);
        assertThat(contracts.epoch(current - 1)).isPresent();
    }

    @Test
    void anEpochIsPostedOnceAndItsRootIsNeverZero() {
        contracts.postEpoch(0, ROOT, BigInteger.ZERO, BigInteger.ONE);
        assertThatThrownBy(() -> contracts.postEpoch(0, ROOT, BigInteger.ZERO, BigInteger.ONE))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.revertReason()).isEqualTo("epoch already posted"));
        assertThatThrownBy(() -> contracts.postEpoch(1, new byte[32], BigInteger.ZERO, BigInteger.ONE))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.revertReason()).isEqualTo("root is 0"));
    }

    @Test
    void creditsMustBeBackedByTheContractsStableBalance() {
        fundAndDeposit(1, "acct", credits(100));
        assertThatThrownBy(() -> contracts.postEpoch(0, ROOT, credits(100).add(BigInteger.ONE), BigInteger.ZERO))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.revertReason()).isEqualTo("not backed"));
        contracts.postEpoch(0, ROOT, credits(100), BigInteger.ZERO);
        // the 100 are now owed to epoch 0's leaves: nothing is left to back another epoch
        assertThatThrownBy(() -> contracts.postEpoch(1, ROOT, CREDIT, BigInteger.ZERO))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.revertReason()).isEqualTo("not backed"));
    }

    @Test
    void totalsBeyond128BitsAreRefusedBeforeAnythingIsPosted() {
        BigInteger tooLarge = BigInteger.ONE.shiftLeft(128);
        assertThatThrownBy(() -> contracts.postEpoch(0, ROOT, tooLarge, BigInteger.ZERO))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.revertReason()).isEqualTo("amount too large"));
        assertThatThrownBy(() -> contracts.postEpoch(0, ROOT, BigInteger.ZERO, tooLarge))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.revertReason()).isEqualTo("amount too large"));
        assertThat(contracts.epoch(0)).isEmpty();
    }

    @Test
    void mintingBeyondTheCumulativeScheduleReverts() {
        assertThatThrownBy(() -> contracts.postEpoch(0, ROOT, BigInteger.ZERO, INITIAL_EMISSION.add(BigInteger.ONE)))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.revertReason()).isEqualTo("emission cap"));
        contracts.postEpoch(0, ROOT, BigInteger.ZERO, INITIAL_EMISSION);
        // epoch 2 is after the first halving: cap(2) = 1000 + 1000 + 500 GRID, and epoch 1 minted nothing
        BigInteger roomAtEpoch2 = INITIAL_EMISSION.add(INITIAL_EMISSION.shiftRight(1));
        assertThatThrownBy(() -> contracts.postEpoch(2, ROOT, BigInteger.ZERO, roomAtEpoch2.add(BigInteger.ONE)))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.revertReason()).isEqualTo("emission cap"));
        contracts.postEpoch(2, ROOT, BigInteger.ZERO, roomAtEpoch2);
        assertThat(contracts.minted()).isEqualTo(contracts.cumulativeCap(2));
        assertThat(contracts.gridBalance(contracts.addresses().settlement())).isEqualTo(contracts.cumulativeCap(2));
    }

    @Test
    void theOnChainCapIsTheCoreSchedulesCumulativeEmission() {
        EmissionSchedule schedule = new EmissionSchedule(Tokens.ofMicros(Units.toMicros(INITIAL_EMISSION)), HALVING_EPOCHS);
        for (long n = 0; n < 16; n++) {
            assertThat(contracts.cumulativeCap(n)).as("epoch %d", n).isEqualTo(Units.toBaseUnits(schedule.cumulative(n).micros()));
        }
    }

    @Test
    void attachingReadsTheSameContractsAndParameters() {
        SettlementContracts attached = SettlementContracts.at(client(3), contracts.addresses().settlement());
        assertThat(attached.addresses()).isEqualTo(contracts.addresses());
        assertThat(attached.deployment()).isEqualTo(contracts.deployment());
        assertThat(attached.operator()).isEqualTo(operatorClient.address());
        assertThatThrownBy(() -> SettlementContracts.at(client(3), client(4).address())).hasMessageContaining("holds no contract");
    }
}
