package org.gridmint.coordinator.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.ChainInfo;
import org.gridmint.api.ClaimList;
import org.gridmint.api.PayoutAddressRequest;
import org.gridmint.api.PayoutAddressView;
import org.gridmint.api.WithdrawRequest;
import org.gridmint.api.WithdrawalList;
import org.gridmint.api.WithdrawalView;
import org.gridmint.api.json.Json;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.economics.EconomicsService;

/**
 * The economics routes (tag "economics"): how the coordinator settles, payout addresses, withdrawals and on-chain claims.
 * The network report and chain routes of other parts of issue 7 are added here too.
 */
final class EconomicsRoutes {
    static final String TAG = "economics";

    private final EconomicsService economics;
    private final long maxBodyBytes;

    EconomicsRoutes(EconomicsService economics, long maxBodyBytes) {
        this.economics = economics;
        this.maxBodyBytes = maxBodyBytes;
    }

    List<Route> routes() {
        List<Route> r = new ArrayList<>();
        r.add(new Route("GET", ApiPaths.CHAIN, "How this coordinator settles: embedded (its own ledger) or an EVM chain with its contracts", TAG, null,
                ChainInfo.class, 200, List.of(), List.of(), ctx -> json(ctx, 200, economics.chain())).withAccess(Route.Access.PUBLIC));
        r.add(new Route("GET", ApiPaths.WALLET_ADDRESS, "The caller's payout address on the chain (address null when none is set)", TAG, null,
                PayoutAddressView.class, 200, List.of(), List.of(), ctx -> json(ctx, 200, economics.address(HttpApi.caller(ctx)))));
        r.add(new Route("PUT", ApiPaths.WALLET_ADDRESS, "Set the caller's payout address (0x and 40 hex digits): where epoch batches pay its"
                + " earnings, withdrawals and GRID", TAG, PayoutAddressRequest.class, PayoutAddressView.class, 200, List.of(), List.of(),
                ctx -> json(ctx, 200, economics.setAddress(HttpApi.caller(ctx), body(ctx, PayoutAddressRequest.class)))));
        r.add(new Route("POST", ApiPaths.WALLET_WITHDRAWALS, "Withdraw credits that no job holds to the caller's payout address, paid in the next"
                + " epoch's batch (on-chain settlement only; idempotent by reference)", TAG, WithdrawRequest.class, WithdrawalView.class, 201,
                List.of(409), List.of(), ctx -> json(ctx, 201, economics.withdraw(HttpApi.caller(ctx), body(ctx, WithdrawRequest.class)))));
        r.add(new Route("GET", ApiPaths.WALLET_WITHDRAWALS, "The caller's withdrawals, newest first", TAG, null, WithdrawalList.class, 200, List.of(),
                List.of("limit"), ctx -> json(ctx, 200, economics.withdrawals(HttpApi.caller(ctx), limit(ctx)))));
        r.add(new Route("GET", ApiPaths.WALLET_CLAIMS, "What the caller's payout address may claim on-chain: each leaf of a closed or posted epoch with"
                + " its Merkle proof", TAG, null, ClaimList.class, 200, List.of(), List.of(), ctx -> json(ctx, 200, economics.claims(HttpApi.caller(ctx)))));
        return r;
    }

    private <T> T body(Context ctx, Class<T> type) throws IOException {
        byte[] bytes = RequestBody.bytes(ctx, maxBodyBytes);
        if (bytes.length == 0) throw new CoordinatorException.Invalid("body", "is required: a JSON " + type.getSimpleName());
        return Json.read(bytes, type);
    }

    private static int limit(Context ctx) {
        String v = ctx.queryParam("limit");
        if (v == null) return 50;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new CoordinatorException.Invalid("limit", "must be an integer, was '" + v + "'");
        }
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }
}
