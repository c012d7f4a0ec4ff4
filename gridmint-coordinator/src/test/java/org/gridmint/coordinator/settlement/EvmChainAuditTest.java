package org.gridmint.coordinator.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.gridmint.chain.testing.RequiresAnvil;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.coordinator.store.ChainTx;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.Posting;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain audit of {@code ledger verify} against a real anvil: a credited deposit the chain never saw is a break. */
@RequiresAnvil
class EvmChainAuditTest {
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
    void aDepositCreditedWithoutItsLogOnChain_isABreak_andADepositRowWithoutItsPostingIsOneToo() {
        try (TestNetwork net = chain.network(dir.resolve("coord"), 2)) {
            var contracts = ChainBed.contracts(net);
            var real = chain.deposit(contracts, 1, "acct-alice", "4");
            chain.mine(2);
            net.coordinator.depositWatcher().runOnce(Instant.now());
            // From the deployment block, as the watcher reads (not block 0).
            var clean = EvmChainAudit.audit(net.coordinator.store(), contracts, ((EvmSettlement) net.coordinator.settlement()).depositsAfter());
            assertThat(clean.breaks()).isEmpty();
            assertThat(clean.facts()).containsExactly(
                    "on-chain: 0 posted epochs match the settlement contract " + contracts.addresses().settlement() + " (root, credits and GRID)",
                    "on-chain: 1 deposit credited by the journal found on-chain (Deposited logs of the same block, transaction, account and amount);"
                            + " credited deposits less withdrawals match the chain account",
                    "on-chain: every Deposited log through block " + net.coordinator.depositWatcher().runOnce(Instant.now()).throughBlock()
                            + " (the deposit cursor) has its chain_deposits row, credited or unroutable (1 log)",
                    "on-chain: the contract holds 4 stable credits for 0 outstanding to unclaimed payouts");
            // A coordinator that credits a deposit no transaction made (a bug, or a forged row).
            String forged = "0x" + "ee".repeat(32);
            net.coordinator.store().inTransaction(tx -> {
                tx.chain().insertDeposit(new ChainTx.DepositRecord(forged, 0, real.blockNumber(), "0x" + "00".repeat(32), "acct-mallory",
                        "0x" + "11".repeat(20), 1_000_000, ChainTx.DepositState.CREDITED, Instant.now()));
                tx.ledger().post(new Posting(PostingKind.DEPOSIT, "chain:" + forged + ":0", LedgerAccount.CHAIN,
                        LedgerAccount.party(AccountId.of("acct-mallory")), Credits.parse("1")), Instant.now());
                tx.chain().insertDeposit(new ChainTx.DepositRecord("0x" + "dd".repeat(32), 1, real.blockNumber(), "0x" + "00".repeat(32), "acct-eve",
                        "0x" + "11".repeat(20), 2_000_000, ChainTx.DepositState.CREDITED, Instant.now()));
                return null;
            });

            var audit = EvmChainAudit.audit(net.coordinator.store(), contracts);
            var breaks = audit.breaks();
            // A check that found a break says nothing positive; the others still do.
            assertThat(audit.facts()).noneMatch(f -> f.contains("credited by the journal found on-chain")).anyMatch(f -> f.contains("posted epochs match"));

            assertThat(breaks).anySatisfy(b -> assertThat(b.detail()).contains("chain:" + forged + ":0").contains("no matching Deposited log on-chain"));
            assertThat(breaks).anySatisfy(b -> assertThat(b.detail()).contains("is recorded CREDITED but the journal has no DEPOSIT for it"));
            assertThat(breaks).anySatisfy(b -> assertThat(b.detail()).contains("should be minus the chain account's balance"));
        }
    }

    @Test
    void aDepositLogAtOrBelowTheCursor_withNoChainDepositsRow_isABreak_depositOnChainNeverCredited() {
        try (TestNetwork net = chain.network(dir.resolve("coord"), 2)) {
            var contracts = ChainBed.contracts(net);
            var skipped = chain.deposit(contracts, 1, "acct-alice", "4");
            chain.mine(2);
            // A watcher that moved its cursor past a deposit without recording it (a bug, or a cursor set by hand).
            long head = net.coordinator.settlement() instanceof EvmSettlement e ? e.client().blockNumber() : -1;
            net.coordinator.store().inTransaction(tx -> tx.chain().advanceCursor(tx.chain().cursor().orElse(null), head, Instant.now()));

            var audit = EvmChainAudit.audit(net.coordinator.store(), contracts);

            assertThat(audit.breaks()).singleElement().satisfies(b -> assertThat(b.detail()).contains("deposit on-chain never credited")
                    .contains("chain:" + skipped.txHash() + ":").contains("'acct-alice'").contains("block " + skipped.blockNumber()));
            assertThat(audit.facts()).noneMatch(f -> f.contains("every Deposited log"));
            // The cursor rewound, as it was before the hand-set move.
            net.coordinator.store().inTransaction(tx -> tx.chain().advanceCursor(head, skipped.blockNumber() - 1, Instant.now()));
        }
    }
}
