package org.gridmint.coordinator.economics;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.gridmint.api.ChainInfo;
import org.gridmint.api.ClaimList;
import org.gridmint.api.ClaimView;
import org.gridmint.api.PayoutAddressRequest;
import org.gridmint.api.PayoutAddressView;
import org.gridmint.api.ProblemTypes;
import org.gridmint.api.WithdrawRequest;
import org.gridmint.api.WithdrawalList;
import org.gridmint.api.WithdrawalView;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.settlement.SettlementPort;
import org.gridmint.coordinator.store.EconomicsTx;
import org.gridmint.coordinator.store.Store;
import org.gridmint.core.economics.MerkleTree;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.LedgerRules;
import org.gridmint.core.ledger.Posting;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.money.Credits;

/**
 * An account's side of settlement: its payout address, its withdrawals, and the leaves of closed epochs it may claim
 * on-chain with their Merkle proofs. Every read and change is of the caller's own.
 */
public final class EconomicsService {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
    private static final int MAX_PAGE = 1000;
    /** 1 µ (credits or GRID) is 10^12 base units of an 18-decimal token, as the EVM adapter's Units converts. */
    private static final BigInteger BASE_PER_MICRO = BigInteger.TEN.pow(12);

    private final Store store;
    private final InstantSource clock;
    private final SettlementPort port;

    public EconomicsService(Store store, InstantSource clock, SettlementPort port) {
        this.store = store;
        this.clock = clock;
        this.port = port;
    }

    /** How this coordinator settles (public). */
    public ChainInfo chain() {
        return port.info();
    }

    public PayoutAddressView address(AccountId account) {
        return store.inTransaction(tx -> tx.economics().payoutAddress(account.value()))
                .map(a -> new PayoutAddressView(a.account(), a.address(), a.updatedAt()))
                .orElse(new PayoutAddressView(account.value(), null, null));
    }

    /** Sets where the account is paid on-chain (kept lower-case); later epochs pay there. */
    public PayoutAddressView setAddress(AccountId account, PayoutAddressRequest r) {
        if (r == null || r.address() == null) throw new CoordinatorException.Invalid("address", "is required: 0x and 40 hex digits");
        if (!ADDRESS.matcher(r.address()).matches())
            throw new CoordinatorException.Invalid("address", "must be 0x and 40 hex digits, was '" + r.address() + "'");
        String address = r.address().toLowerCase(Locale.ROOT);
        if (new BigInteger(address.substring(2), 16).signum() == 0)
            throw new CoordinatorException.Invalid("address", "must not be the zero address: nothing paid there could be spent");
        var saved = new EconomicsTx.PayoutAddress(account.value(), address, clock.instant());
        store.inTransaction(tx -> {
            tx.economics().savePayoutAddress(saved);
            return null;
        });
        return new PayoutAddressView(saved.account(), saved.address(), saved.updatedAt());
    }

    /**
     * Withdraws credits that no job holds to the account's payout address: the WITHDRAW posting and the withdrawal's row
     * in one transaction; the next epoch to close pays it in its batch. Idempotent by reference.
     */
    public WithdrawalView withdraw(AccountId account, WithdrawRequest r) {
        if (r == null || r.amount() == null) throw new CoordinatorException.Invalid("amount", "is required: credits, e.g. 100 or 2.5");
        Credits amount;
        try {
            amount = Credits.of(r.amount());
        } catch (IllegalArgumentException e) {
            throw new CoordinatorException.Invalid("amount", e.getMessage());
        }
        if (amount.micros() <= 0) throw new CoordinatorException.Invalid("amount", "must be more than 0 credits, was " + r.amount().toPlainString());
        if (r.reference() != null && !REFERENCE.matcher(r.reference()).matches())
            throw new CoordinatorException.Invalid("reference", "must be 1-100 of A-Z a-z 0-9 _ . : -, was '" + r.reference() + "'");
        if (!port.onChain())
            throw new CoordinatorException.Conflict("withdrawals are paid out on a chain, and this coordinator settles in its own ledger (embedded"
                    + " settlement): start it with --chain-rpc and --chain-key to pay out", "EMBEDDED", ProblemTypes.WITHDRAWALS_NEED_CHAIN);
        String id = r.reference() == null ? "wd-" + UUID.randomUUID() : "wd-" + digest(account.value() + "\n" + r.reference());
        Instant now = clock.instant();
        return store.inTransaction(tx -> {
            // Two requests with one reference race (a client retrying while the first is in flight): taking the ledger's
            // lock before looking for the earlier withdrawal makes the second wait, then find the first and answer it.
            tx.lockStakes();
            var e = tx.economics();
            var earlier = e.withdrawal(id);
            if (earlier.isPresent()) {
                if (!earlier.get().amount().equals(amount))
                    throw new CoordinatorException.Conflict("reference '" + r.reference() + "' was used for a withdrawal of " + earlier.get().amount()
                            + " credits; use a new reference", "WITHDRAWN");
                return view(tx.economics(), earlier.get());
            }
            var address = e.payoutAddress(account.value()).orElseThrow(() -> new CoordinatorException.Conflict("account " + account
                    + " has no payout address: set one first (PUT " + org.gridmint.api.ApiPaths.WALLET_ADDRESS + ", gridmint wallet address 0x…)",
                    "NO_ADDRESS", ProblemTypes.NO_PAYOUT_ADDRESS));
            LedgerAccount party = LedgerAccount.party(account);
            var d = tx.ledger().post(new Posting(PostingKind.WITHDRAW, "withdraw:" + id, party, LedgerAccount.CHAIN, amount), now);
            if (d instanceof LedgerRules.Decision.Insufficient i)
                throw new CoordinatorException.Conflict("insufficient funds: cannot withdraw " + amount + " credits, the balance is " + i.balance()
                        + " credits (credits that jobs hold in escrow cannot be withdrawn)", "INSUFFICIENT_FUNDS", ProblemTypes.INSUFFICIENT_FUNDS);
            if (!(d instanceof LedgerRules.Decision.Post)) throw new IllegalStateException("withdrawal " + id + " could not post: " + d);
            var w = new EconomicsTx.Withdrawal(id, account.value(), address.address(), amount, now, null);
            e.insertWithdrawal(w);
            return view(e, w);
        });
    }

    /** The account's withdrawals, newest first. */
    public WithdrawalList withdrawals(AccountId account, int limit) {
        if (limit < 1 || limit > MAX_PAGE) throw new CoordinatorException.Invalid("limit", "must be between 1 and " + MAX_PAGE + ", was " + limit);
        return store.inTransaction(tx -> new WithdrawalList(account.value(),
                tx.economics().withdrawals(account.value(), limit).stream().map(w -> view(tx.economics(), w)).toList()));
    }

    /**
     * Every leaf that paid the account in a CLOSED or POSTED epoch, at whatever address it was paid (an address changed
     * since, or a withdrawal that kept the old one, still owes it there), with its proof recomputed from the batch.
     * {@link ClaimList#address()} is the account's current payout address; each claim names its own.
     */
    public ClaimList claims(AccountId account) {
        record Found(EconomicsTx.Leaf leaf, EconomicsTx.EpochRecord epoch, List<String> proof) {}
        record Read(String address, List<Found> found) {}
        var read = store.inTransaction(tx -> {
            var e = tx.economics();
            var address = e.payoutAddress(account.value()).map(EconomicsTx.PayoutAddress::address).orElse(null);
            List<Found> out = new ArrayList<>();
            Map<Long, MerkleTree> trees = new HashMap<>();
            for (EconomicsTx.Leaf leaf : e.leavesPaying(account.value())) {
                var epoch = e.epoch(leaf.epoch()).orElseThrow();
                if (!epoch.state().equals(EconomicsTx.CLOSED) && !epoch.state().equals(EconomicsTx.POSTED)) continue;
                MerkleTree tree = trees.computeIfAbsent(leaf.epoch(),
                        n -> new MerkleTree(e.leaves(n).stream().map(l -> EpochClose.unhex(l.leaf())).toList(), port.hasher()));
                out.add(new Found(leaf, epoch, tree.proof(leaf.index()).stream().map(EpochClose::hex).toList()));
            }
            return new Read(address, out);
        });
        List<ClaimView> claims = new ArrayList<>();
        Map<String, Boolean> claimed = new HashMap<>();
        for (Found f : read.found()) {
            var l = f.leaf();
            // Asked outside the transaction: on-chain, this is a call to the chain. A leaf is claimed at its own address.
            String state = f.epoch().state().equals(EconomicsTx.CLOSED) ? ClaimView.CLOSED
                    : claimed.computeIfAbsent(l.epoch() + "/" + l.address(), k -> port.claimed(l.epoch(), l.address())) ? ClaimView.CLAIMED
                    : ClaimView.CLAIMABLE;
            claims.add(new ClaimView(l.epoch(), l.address(), l.credits().toBigDecimal(), l.tokens().toBigDecimal(), baseUnits(l.credits().micros()),
                    baseUnits(l.tokens().micros()), l.leaf(), f.proof(), f.epoch().root(), state));
        }
        return new ClaimList(account.value(), read.address(), port.info(), claims);
    }

    private static WithdrawalView view(EconomicsTx e, EconomicsTx.Withdrawal w) {
        String state = "PENDING";
        if (w.epoch() != null) state = e.epoch(w.epoch()).map(x -> x.state().equals(EconomicsTx.CLOSED) ? "BATCHED" : "POSTED").orElse("BATCHED");
        return new WithdrawalView(w.id(), w.account(), w.address(), w.amount().toBigDecimal(), w.requestedAt(), w.epoch(), state);
    }

    private static String baseUnits(long micros) {
        return BigInteger.valueOf(micros).multiply(BASE_PER_MICRO).toString();
    }

    private static String digest(String s) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

}
