package org.gridmint.coordinator.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.coordinator.ledger.LedgerVerifier;
import org.gridmint.coordinator.store.GatewayTx;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.Test;

/**
 * Write-behind billing across a crash: answers whose bills were still waiting when the coordinator died are never charged
 * (an under-charge), those committed before are charged once, and the reopened database verifies.
 */
class BillingCrashTest extends GatewayTestBase {
    private static final String PRICE = "1000"; // credits per 1M tokens: 1000 µ per token

    @Test
    void crashBeforeTheBillsCommit_losesOnlyThoseBills_neverChargesTwice_andTheLedgerVerifiesAfterARestart() throws Exception {
        provider(4, PRICE);
        for (int i = 0; i < 5; i++) assertThat(embeddings(request("committed before the crash " + i)).statusCode()).isEqualTo(200);
        net.coordinator.gateway().billing().flush();
        List<GatewayTx.UsageRecord> committed = usage(net);
        assertThat(committed).hasSize(5);

        // The crash: the writer stops with whatever waits, as a killed process would. The answers below are given, not billed.
        net.coordinator.gateway().billing().halt();
        for (int i = 0; i < 3; i++) assertThat(embeddings(request("answered, then lost in the crash " + i)).statusCode()).isEqualTo(200);
        net.close();

        net = new TestNetwork(dir, InstantSource.system(), c -> c.withGateway(GatewayConfig.DEFAULT.withCallTimeout(CALL_TIMEOUT)
                .withIdleTimeout(Duration.ofSeconds(2))));
        List<GatewayTx.UsageRecord> after = usage(net);
        assertThat(after).as("usage after the restart: what was committed, once").containsExactlyInAnyOrderElementsOf(committed);
        long charged = after.stream().mapToLong(GatewayTx.UsageRecord::charged).sum();
        assertThat(charged).isPositive();
        Credits balance = net.coordinator.store().inTransaction(tx -> tx.ledger().balance(LedgerAccount.party(client.account())));
        assertThat(Credits.parse("1000").minus(balance).micros()).as("the client paid exactly the committed bills").isEqualTo(charged);
        assertThat(LedgerVerifier.verify(net.coordinator.store()).breaks()).isEmpty();
    }

    @Test
    void closingTheCoordinator_commitsEveryBillStillWaiting() throws Exception {
        provider(4, PRICE);
        int n = 20;
        for (int i = 0; i < n; i++) assertThat(embeddings(request("billed at the latest on close " + i)).statusCode()).isEqualTo(200);
        net.close();

        net = new TestNetwork(dir, InstantSource.system(), c -> c.withGateway(GatewayConfig.DEFAULT.withCallTimeout(CALL_TIMEOUT)
                .withIdleTimeout(Duration.ofSeconds(2))));
        assertThat(usage(net)).hasSize(n);
        assertThat(LedgerVerifier.verify(net.coordinator.store()).breaks()).isEmpty();
    }

    private List<GatewayTx.UsageRecord> usage(TestNetwork on) {
        return on.coordinator.store().inTransaction(tx -> tx.gateway().usage(client.account().value(), 1000));
    }
}
