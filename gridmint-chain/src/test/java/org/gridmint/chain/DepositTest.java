package org.gridmint.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class DepositTest extends ChainFixture {
    @Test
    void aDepositEmitsTheAccountThePayerAndTheAmount() {
        long before = operatorClient.blockNumber();
        TxReceipt r = fundAndDeposit(1, "acct-alice", credits(25));

        List<DepositEvent> events = contracts.deposits(before + 1, operatorClient.blockNumber());
        assertThat(events).hasSize(1);
        DepositEvent e = events.getFirst();
        assertThat(e.account()).isEqualTo("acct-alice");
        assertThat(e.from()).isEqualTo(client(1).address());
        assertThat(e.amount()).isEqualTo(credits(25));
        assertThat(e.txHash()).isEqualTo(r.txHash());
        assertThat(e.blockNumber()).isEqualTo(r.blockNumber());
        assertThat(e.blockHash()).matches("0x[0-9a-f]{64}");
        assertThat(contracts.stableBalance(contracts.addresses().settlement())).isEqualTo(credits(25));
        assertThat(contracts.stableBalance(client(1).address())).isZero();
    }

    @Test
    void depositsAreListedInChainOrderWithinTheInclusiveRange() {
        long start = operatorClient.blockNumber() + 1;
        TxReceipt first = fundAndDeposit(1, "acct-a", credits(1));
        TxReceipt second = fundAndDeposit(2, "acct-b", credits(2));

        assertThat(contracts.deposits(start, operatorClient.blockNumber())).extracting(DepositEvent::account).containsExactly("acct-a", "acct-b");
        assertThat(contracts.deposits(second.blockNumber(), second.blockNumber())).extracting(DepositEvent::txHash).containsExactly(second.txHash());
        assertThat(contracts.deposits(first.blockNumber(), first.blockNumber())).extracting(DepositEvent::txHash).containsExactly(first.txHash());
    }

    @Test
    void theContractRefusesAFractionOfAMicroCreditAndAnEmptyOrLongAccount() {
        ChainClient payer = client(1);
        contracts.mintStable(payer.address(), credits(10));
        SettlementContracts asPayer = contracts.as(payer);
        payer.send(contracts.addresses().stable(), new org.web3j.abi.datatypes.Function("approve", List.of(
                new org.web3j.abi.datatypes.Address(contracts.addresses().settlement()), new org.web3j.abi.datatypes.generated.Uint256(credits(10))), List.of()));

        assertThatThrownBy(() -> asPayer.depositUnchecked("acct", CREDIT.add(BigInteger.ONE)))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.revertReason()).isEqualTo("amount not a whole micro-credit"));
        assertThatThrownBy(() -> asPayer.depositUnchecked("", CREDIT))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.revertReason()).isEqualTo("account must be 1 to 64 bytes"));
        assertThatThrownBy(() -> asPayer.depositUnchecked("x".repeat(65), CREDIT))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.revertReason()).isEqualTo("account must be 1 to 64 bytes"));
        assertThatThrownBy(() -> asPayer.depositUnchecked("acct", BigInteger.ZERO))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.revertReason()).isEqualTo("amount is 0"));
        assertThat(contracts.stableBalance(payer.address())).isEqualTo(credits(10));
    }

    @Test
    void theClientRefusesBadDepositsByFieldBeforeSendingAnything() {
        ChainClient payer = client(1);
        contracts.mintStable(payer.address(), credits(10));
        long block = payer.blockNumber();
        SettlementContracts asPayer = contracts.as(payer);

        assertThatThrownBy(() -> asPayer.deposit("acct", CREDIT.add(BigInteger.ONE))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amount");
        assertThatThrownBy(() -> asPayer.deposit("", CREDIT)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("account");
        assertThat(payer.blockNumber()).isEqualTo(block); // nothing was mined: no approval either
        assertThat(contracts.stableBalance(payer.address())).isEqualTo(credits(10));
    }

    @Test
    void aDepositBeyondTheBalanceRevertsWithTheTokensReason() {
        ChainClient payer = client(1);
        contracts.mintStable(payer.address(), credits(1));
        assertThatThrownBy(() -> contracts.as(payer).deposit("acct", credits(2)))
                .isInstanceOfSatisfying(ChainException.class, e -> {
                    assertThat(e.revertReason()).isEqualTo("ERC20: transfer amount exceeds balance");
                    assertThat(e.retryable()).isFalse();
                });
    }
}
