package org.gridmint.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridmint.api.ChainInfo;
import org.gridmint.api.ClaimList;
import org.gridmint.api.ClaimView;
import org.gridmint.api.JobView;
import org.gridmint.api.VerdictView;
import org.gridmint.api.auth.Identity;
import org.gridmint.chain.ChainClient;
import org.gridmint.chain.ChainException;
import org.gridmint.chain.ChainKeys;
import org.gridmint.chain.SettlementContracts;
import org.gridmint.chain.Units;
import org.gridmint.chain.testing.Anvil;
import org.gridmint.chain.testing.RequiresAnvil;
import org.gridmint.cli.it.CliNetwork.CoordinatorProcess;
import org.gridmint.client.GridmintClient;
import org.junit.jupiter.api.Test;

/**
 * On-chain settlement end to end, every part a real process or a real chain: anvil (from npm), a coordinator process
 * that settles on it ({@code --chain-rpc}, {@code --chain-key}, epochs of {@value #EPOCH}), two provider agents (replicated
 * verification needs two owners) and the CLI's commands. The client deposits stable credits on-chain with
 * {@code gridmint wallet deposit}, its job runs and is verified, each epoch's batch is posted, and each provider claims its
 * payout with {@code gridmint provider claim}: its on-chain balances must be what the journal says it was swept and
 * rewarded. A claim made twice, or with a forged amount, is refused by the contract; a coordinator killed with SIGKILL
 * after a deposit credits it exactly once after its restart; and {@code gridmint ledger verify --chain-rpc} agrees at the end.
 *
 * <p>The coordinator runs without the dev faucet: every credit in its ledger came in through the settlement contract,
 * so every batch it posts is backed.
 */
@RequiresAnvil
class SettlementIT extends ProcessNetworkTest {
    private static final String EPOCH = "3s";
    private static final String CONFIRMATIONS = "2";
    private static final Pattern TX = Pattern.compile("tx (0x[0-9a-f]{64})");
    private static final BigInteger STABLE_MINTED = Units.toBaseUnits(100_000_000L);

    /** The chain's JSON-RPC URL, as the coordinator publishes it. */
    private String rpc;

    @Test
    void depositJobEpochsAndClaims_matchTheJournal_claimsCannotRepeatOrBeForged_andADepositSurvivesACoordinatorKill() {
        try (Anvil anvil = Anvil.start()) {
            List<String> dev = anvil.devPrivateKeys();
            Path operatorKey = keyFile("operator.key", dev.get(0));
            Path clientKey = keyFile("client.key", dev.get(1));
            Path provider1Key = keyFile("provider-1.key", dev.get(2));
            // provider-2 is paid at a fresh key's address (no gas there) and claims with a funded key: anyone may send a claim.
            Path provider2Payout = tmp.resolve("provider-2-payout.key");
            Path provider2Sender = keyFile("provider-2-sender.key", dev.get(3));
            Path dataDir = tmp.resolve("coordinator");
            String[] chainFlags = {"--chain-rpc", anvil.rpcUrl(), "--chain-key", operatorKey.toString(), "--epoch", EPOCH,
                    "--confirmations", CONFIRMATIONS, "--chain-poll", "500ms"};
            CoordinatorProcess first = net.startCoordinatorWithoutFaucet(dataDir, 0, "500ms", chainFlags);
            client = connect(first.url());
            ChainInfo chain = client.chainInfo();
            assertThat(chain.settlement()).isEqualTo(ChainInfo.EVM);
            assertThat(chain.rpc()).isEqualTo(anvil.rpcUrl());
            rpc = chain.rpc();

            try (ChainClient operator = ChainClient.connect(anvil.rpcUrl(), dev.get(0))) {
                SettlementContracts contracts = SettlementContracts.at(operator, chain.settlementContract());
                // The stand-in stablecoin: only its owner, the coordinator's deployer key, may mint it.
                contracts.mintStable(ChainKeys.addressOf(dev.get(1)), STABLE_MINTED);

                Processes.Completed deposit = net.client(first.url(), "wallet", "deposit", "20", "--chain-key", clientKey.toString(), "--wait-timeout", "45s");
                assertThat(deposit.exitCode()).as("%s", deposit).isZero();
                assertThat(deposit.stdout()).as("%s", deposit).contains("of " + CONFIRMATIONS + " confirmation(s)").contains("credited 20 credits into "
                        + net.clientIdentity().account());
                assertThat(client.wallet().balance()).isEqualByComparingTo("20");

                net.startProviders(first.url(), 2, 1);
                Processes.Completed address1 = net.asProviderOwner(first.url(), "provider-1", "wallet", "address", "--chain-key", provider1Key.toString());
                Processes.Completed keygen = net.command("chain", "keygen", "--out", provider2Payout.toString());
                Processes.Completed address2 = net.asProviderOwner(first.url(), "provider-2", "wallet", "address", "--chain-key", provider2Payout.toString());
                for (Processes.Completed c : List.of(address1, keygen, address2)) assertThat(c.exitCode()).as("%s", c).isZero();
                String payout1 = ChainKeys.addressOf(dev.get(2));
                String payout2 = keygen.firstLine();
                assertThat(address2.stdout()).contains("is now " + payout2);

                JobView job = runVerifiedJob(first);
                Map<String, String> payouts = Map.of("provider-1", payout1, "provider-2", payout2);
                Map<String, Path> senders = Map.of("provider-1", provider1Key, "provider-2", provider2Sender);
                for (String name : List.of("provider-1", "provider-2")) {
                    claimAndCheck(first, contracts, dataDir, name, payouts.get(name), senders.get(name), dev.get(3));
                }

                withdrawAndClaim(first, contracts, dataDir, clientKey);
                assertDepositCreditedOnceAcrossAKill(first, dataDir, chainFlags, clientKey, contracts, operator);
                assertThat(job.state()).isEqualTo("SUCCEEDED");
            }
            Processes.Completed verify = net.verifyLedger(dataDir, "--chain-rpc", anvil.rpcUrl());
            assertThat(verify.exitCode()).as("ledger verify with the chain: %s", verify).isZero();
            // With --chain-rpc the chain is checked too: without it, verify would only note that it could be.
            assertThat(verify.stdout()).contains("OK").doesNotContain("pass --chain-rpc");
            // ...and it says what it found there: the posted epochs matched, the deposits found, the contract's funds.
            assertThat(verify.stdout()).containsPattern("on-chain: [1-9][0-9]* posted epochs? match(es)? the settlement contract 0x")
                    .contains("found on-chain").containsPattern("on-chain: the contract holds [0-9.]+ stable credits for");
        }
    }

    /** Submits a small exec job whose every task runs on both providers, and waits until it succeeded with agreeing results. */
    private JobView runVerifiedJob(CoordinatorProcess coordinator) {
        Path spec = JobChecks.writeSpec(tmp.resolve("spec/verified.yaml"), """
                name: settle-me
                command: ["sh", "-c", "sleep 1; mkdir -p out; echo $((GRIDMINT_TASK_INDEX * 3)) > out/v.txt"]
                tasks: 4
                outputs: ["out/v.txt"]
                resources: {cpu: 1, memoryMb: 64}
                maxPrice: 0.5
                timeout: 1m
                retries: 3
                verify: {replicas: 2}
                """);
        Processes.Completed submit = net.client(coordinator.url(), "job", "submit", spec.toString());
        assertThat(submit.exitCode()).as("%s", submit).isZero();
        JobView job = JobChecks.awaitFinal(client, submit.firstLine(), DEADLINE, () -> coordinator.process().assertAlive());
        assertThat(job.state()).as("job %s: %s", job.id(), job.failureReason()).isEqualTo("SUCCEEDED");
        // Verified work, which is what emissions reward: every verdict accepted two agreeing results.
        assertThat(job.verdicts()).hasSize(4).allSatisfy(v -> {
            assertThat(v.outcome()).isEqualTo("ACCEPTED");
            assertThat(v.results()).filteredOn(r -> r.agrees() && !r.rejected()).extracting(VerdictView.ResultView::providerId).hasSize(2);
        });
        return job;
    }

    /**
     * Waits until every credit and GRID the provider's owner earned is in a posted batch, then: a forged claim reverts, the
     * CLI claims every leaf, the address holds what the journal says, and a second claim changes nothing.
     */
    private void claimAndCheck(CoordinatorProcess coordinator, SettlementContracts contracts, Path dataDir, String name, String payout, Path sender,
                               String anyKey) {
        Identity ownerKey = Identity.loadOrCreate(net.providerDir(name));
        String account = ownerKey.account().value();
        try (GridmintClient owner = new GridmintClient(coordinator.url(), ownerKey)) {
            ClaimList claims = Eventually.await("every credit and GRID of " + name + " in a posted batch", DEADLINE, () -> {
                coordinator.process().assertAlive();
                var wallet = owner.wallet();
                if (wallet.earned().signum() <= 0 || wallet.balance().signum() != 0) return Optional.empty();
                SettlementJournal.Totals j = SettlementJournal.of(dataDir, account);
                if (j.unsettledGrid() != 0 || j.grid() == 0) return Optional.empty();
                ClaimList l = owner.claims();
                boolean posted = !l.claims().isEmpty() && l.claims().stream().allMatch(c -> ClaimView.CLAIMABLE.equals(c.state()));
                return posted ? Optional.of(l) : Optional.empty();
            });
            assertThat(claims.address()).isEqualTo(payout);
            SettlementJournal.Totals journal = SettlementJournal.of(dataDir, account);
            assertThat(sum(claims, ClaimView::creditsBaseUnits)).as("credits of %s's leaves", name).isEqualTo(Units.toBaseUnits(journal.withdrawn()));
            assertThat(sum(claims, ClaimView::tokensBaseUnits)).as("GRID of %s's leaves", name).isEqualTo(Units.toBaseUnits(journal.grid()));

            ClaimView first = claims.claims().getFirst();
            try (ChainClient forger = ChainClient.connect(rpc, anyKey)) {
                assertThatThrownBy(() -> contracts.as(forger).claim(first.epoch(), payout, new BigInteger(first.creditsBaseUnits()).add(BigInteger.ONE),
                        new BigInteger(first.tokensBaseUnits()), proof(first)))
                        .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.revertReason()).isEqualTo("invalid proof"));
            }
            assertThat(contracts.stableBalance(payout)).isZero();

            Processes.Completed claimed = net.asProviderOwner(coordinator.url(), name, "provider", "claim", "--chain-key", sender.toString());
            assertThat(claimed.exitCode()).as("%s", claimed).isZero();
            for (ClaimView c : claims.claims()) {
                assertThat(claimed.stdout()).as("%s", claimed).containsPattern("epoch " + c.epoch() + ": claimed .* to " + payout + ": tx 0x[0-9a-f]{64} \\(block \\d+, gas \\d+\\)");
                assertThat(contracts.isClaimed(c.epoch(), payout)).as("epoch %d claimed", c.epoch()).isTrue();
            }
            if (!ChainKeys.addressOf(ChainKeys.readKeyFile(sender)).equals(payout)) assertThat(claimed.stdout()).contains("the funds go to the payout address " + payout);
            BigInteger stable = contracts.stableBalance(payout);
            BigInteger grid = contracts.gridBalance(payout);
            assertThat(stable).as("stable credits at %s = Σ WITHDRAW sweeps of %s", payout, account).isEqualTo(Units.toBaseUnits(journal.withdrawn()));
            assertThat(grid).as("GRID at %s = Σ GRID rewards of %s", payout, account).isEqualTo(Units.toBaseUnits(journal.grid()));

            Processes.Completed again = net.asProviderOwner(coordinator.url(), name, "provider", "claim", "--chain-key", sender.toString());
            assertThat(again.exitCode()).as("%s", again).isZero();
            assertThat(again.stdout()).as("%s", again).contains("epoch " + first.epoch() + ": already claimed").contains("nothing to claim for " + payout);
            try (ChainClient repeater = ChainClient.connect(rpc, anyKey)) {
                assertThatThrownBy(() -> contracts.as(repeater).claim(first.epoch(), payout, new BigInteger(first.creditsBaseUnits()),
                        new BigInteger(first.tokensBaseUnits()), proof(first)))
                        .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.revertReason()).isEqualTo("already claimed"));
            }
            assertThat(contracts.stableBalance(payout)).isEqualTo(stable);
            assertThat(contracts.gridBalance(payout)).isEqualTo(grid);
        }
    }

    /**
     * The client withdraws part of its balance to its own chain address: it leaves the balance at once, the next epoch's
     * batch pays it, and {@code gridmint wallet claim} brings exactly that much stable credit to the address.
     */
    private void withdrawAndClaim(CoordinatorProcess coordinator, SettlementContracts contracts, Path dataDir, Path clientKey) {
        String address = ChainKeys.addressOf(ChainKeys.readKeyFile(clientKey));
        Processes.Completed set = net.client(coordinator.url(), "wallet", "address", "--chain-key", clientKey.toString());
        assertThat(set.exitCode()).as("%s", set).isZero();
        var balance = client.wallet().balance();
        BigInteger stable = contracts.stableBalance(address);

        Processes.Completed withdraw = net.client(coordinator.url(), "wallet", "withdraw", "2", "--reference", "it-withdrawal");
        assertThat(withdraw.exitCode()).as("%s", withdraw).isZero();
        assertThat(withdraw.stdout()).contains("withdrawing 2 credits to " + address).contains("paid in the settlement batch of the next epoch");
        assertThat(client.wallet().balance()).isEqualByComparingTo(balance.subtract(new java.math.BigDecimal("2")));

        ClaimList claims = Eventually.await("the client's withdrawal in a posted batch", DEADLINE, () -> {
            coordinator.process().assertAlive();
            ClaimList l = client.claims();
            return !l.claims().isEmpty() && l.claims().stream().allMatch(c -> ClaimView.CLAIMABLE.equals(c.state())) ? Optional.of(l) : Optional.empty();
        });
        assertThat(claims.claims()).singleElement().satisfies(c -> assertThat(c.credits()).isEqualByComparingTo("2"));
        Processes.Completed listed = net.client(coordinator.url(), "wallet", "claims");
        assertThat(listed.stdout()).as("%s", listed).contains("payout address " + address).containsPattern("(?m)^\\s*" + claims.claims().getFirst().epoch()
                + "\\s+2\\s+0\\s+CLAIMABLE$");
        Processes.Completed withdrawals = net.client(coordinator.url(), "wallet", "withdrawals");
        assertThat(withdrawals.stdout()).as("%s", withdrawals).contains("POSTED");

        Processes.Completed claimed = net.client(coordinator.url(), "wallet", "claim", "--chain-key", clientKey.toString());
        assertThat(claimed.exitCode()).as("%s", claimed).isZero();
        String account = net.clientIdentity().account().value();
        assertThat(SettlementJournal.of(dataDir, account).withdrawn()).as("Σ WITHDRAW of the client").isEqualTo(2_000_000L);
        assertThat(contracts.stableBalance(address)).isEqualTo(stable.add(Units.toBaseUnits(2_000_000L)));
    }

    /**
     * Deposits without waiting, kills the coordinator with SIGKILL, restarts it on its data dir, and deposits once more: once
     * that last deposit is credited, the watcher has read past the first one, which must have been credited exactly once.
     */
    private void assertDepositCreditedOnceAcrossAKill(CoordinatorProcess first, Path dataDir, String[] chainFlags, Path clientKey,
                                                      SettlementContracts contracts, ChainClient operator) {
        var before = client.wallet().balance();
        Processes.Completed deposit = net.client(first.url(), "wallet", "deposit", "5", "--chain-key", clientKey.toString(), "--no-wait");
        assertThat(deposit.exitCode()).as("%s", deposit).isZero();
        Matcher tx = TX.matcher(deposit.stdout());
        assertThat(tx.find()).as("%s", deposit).isTrue();
        first.process().kill();

        CoordinatorProcess second = net.startCoordinatorWithoutFaucet(dataDir, first.port(), "500ms", chainFlags);
        Processes.Completed after = net.client(second.url(), "wallet", "deposit", "1", "--chain-key", clientKey.toString(), "--wait-timeout", "45s");
        assertThat(after.exitCode()).as("%s", after).isZero();

        String account = net.clientIdentity().account().value();
        assertThat(SettlementJournal.chainDeposits(dataDir, account, tx.group(1))).as("DEPOSIT postings of %s", tx.group(1)).isEqualTo(1);
        assertThat(client.wallet().balance()).isEqualByComparingTo(before.add(new java.math.BigDecimal("6")));
        long events = contracts.deposits(0, operator.blockNumber()).size();
        assertThat(SettlementJournal.chainDeposits(dataDir, account, "")).as("chain DEPOSIT postings, one per Deposited event").isEqualTo(events).isEqualTo(3);
    }

    private static BigInteger sum(ClaimList l, java.util.function.Function<ClaimView, String> baseUnits) {
        return l.claims().stream().map(c -> new BigInteger(baseUnits.apply(c))).reduce(BigInteger.ZERO, BigInteger::add);
    }

    private static List<byte[]> proof(ClaimView c) {
        List<byte[]> out = new ArrayList<>();
        for (String h : c.proof()) out.add(java.util.HexFormat.of().parseHex(h.substring(2)));
        return out;
    }

    private Path keyFile(String name, String hex) {
        Path p = tmp.resolve(name);
        ChainKeys.writeKeyFile(p, hex);
        return p;
    }
}
