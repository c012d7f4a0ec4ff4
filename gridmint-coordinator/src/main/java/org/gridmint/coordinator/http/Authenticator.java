package org.gridmint.coordinator.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.gridmint.api.ProblemTypes;
import org.gridmint.api.auth.RequestSignature;
import org.gridmint.api.auth.RequestSignature.Verdict;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.blobs.BlobStore;
import org.gridmint.core.ids.AccountId;

/**
 * The one place where requests are authenticated: every route that is not {@link Route.Access#PUBLIC} runs
 * behind {@link #wrap}, which checks the request's signature, remembers its nonce, enforces operator-only
 * routes, and hands the caller's account to the handler ({@link #caller}). Authorization by owner is the
 * services' business; they get the verified account.
 *
 * <p>Failure modes: every rejection is a 401 (or 403 for a valid non-operator on an operator route) thrown
 * before the handler runs, so a rejected request changes nothing. The problem's {@code type} says which check
 * failed ({@link ProblemTypes}). A nonce is recorded only once the signature holds, so nobody can spend another
 * account's nonces.
 */
final class Authenticator {
    /** The scheme named in {@code WWW-Authenticate}. */
    static final String SCHEME = "Gridmint-Ed25519";
    private static final String CALLER = "gridmint.caller";

    private final InstantSource clock;
    private final AccountId operator;
    private final long maxBodyBytes;
    private final NonceCache nonces;

    /**
     * @param clock the wall clock that signature timestamps must be near (not the coordinator's logical clock,
     *     which tests move by hand)
     * @param operator the coordinator's own account: the only one allowed on operator routes
     */
    Authenticator(InstantSource clock, AccountId operator, long maxBodyBytes) {
        this(clock, operator, maxBodyBytes, new NonceCache(NonceCache.DEFAULT_MAX_ENTRIES, RequestSignature.WINDOW.multipliedBy(2)));
    }

    Authenticator(InstantSource clock, AccountId operator, long maxBodyBytes, NonceCache nonces) {
        this.clock = clock;
        this.operator = operator;
        this.maxBodyBytes = maxBodyBytes;
        this.nonces = nonces;
    }

    AccountId operator() {
        return operator;
    }

    /** The route's handler, behind the checks its access level asks for. */
    Handler wrap(Route route) {
        if (route.access() == Route.Access.PUBLIC || route.access() == Route.Access.API_KEY) return route.handler();
        return ctx -> {
            ctx.attribute(CALLER, authenticate(ctx, route));
            route.handler().handle(ctx);
        };
    }

    /** The verified account of the request being handled; only for routes behind {@link #wrap}. */
    static AccountId caller(Context ctx) {
        AccountId a = ctx.attribute(CALLER);
        if (a == null) throw new IllegalStateException(ctx.method() + " " + ctx.path() + " asked for its caller but is not authenticated");
        return a;
    }

    AccountId authenticate(Context ctx, Route route) throws IOException {
        String key = ctx.header(RequestSignature.KEY_HEADER);
        if (key == null) {
            throw new CoordinatorException.Unauthorized(ProblemTypes.UNSIGNED, "the request is not signed: " + route.method() + " " + route.path()
                    + " needs the headers " + RequestSignature.KEY_HEADER + ", " + RequestSignature.TIMESTAMP_HEADER + ", "
                    + RequestSignature.NONCE_HEADER + " and " + RequestSignature.SIGNATURE_HEADER);
        }
        // A streamed blob is not read here: its digest is its name, and the blob store refuses content that does not match it.
        String bodySha256 = route.request() == byte[].class ? ctx.pathParam("sha256") : BlobStore.sha256(RequestBody.bytes(ctx, maxBodyBytes));
        String query = ctx.req().getQueryString();
        String target = ctx.req().getRequestURI() + (query == null ? "" : "?" + query);
        String nonce = ctx.header(RequestSignature.NONCE_HEADER);
        Instant now = clock.instant();
        Verdict verdict = RequestSignature.check(ctx.method().name(), target, bodySha256, key, ctx.header(RequestSignature.TIMESTAMP_HEADER),
                nonce, ctx.header(RequestSignature.SIGNATURE_HEADER), now);
        AccountId account = switch (verdict) {
            case Verdict.Malformed m -> throw new CoordinatorException.Unauthorized(ProblemTypes.MALFORMED_SIGNATURE,
                    "header " + m.header() + " " + m.why());
            case Verdict.Stale s -> throw new CoordinatorException.Unauthorized(ProblemTypes.STALE,
                    RequestSignature.TIMESTAMP_HEADER + " is " + describe(s.skew()) + " the coordinator's clock; it must be within "
                            + RequestSignature.WINDOW.toMinutes() + " minutes: check this machine's clock");
            case Verdict.BadSignature b -> throw new CoordinatorException.Unauthorized(ProblemTypes.BAD_SIGNATURE,
                    "the signature does not match " + RequestSignature.KEY_HEADER + " and the request as received "
                            + "(method, path with query, timestamp, nonce and body SHA-256 " + bodySha256 + ")");
            case Verdict.Valid v -> v.account();
        };
        long signedAt = Long.parseLong(ctx.header(RequestSignature.TIMESTAMP_HEADER));
        switch (nonces.record(account, nonce, signedAt, now)) {
            case FRESH -> { }
            case REPLAYED -> throw new CoordinatorException.Unauthorized(ProblemTypes.REPLAYED,
                    "nonce " + nonce + " was already used by " + account + " within the last " + RequestSignature.WINDOW.toMinutes()
                            + " minutes: every request must be signed anew");
            case TOO_OLD -> throw new CoordinatorException.Unauthorized(ProblemTypes.STALE,
                    "the request was signed at " + Instant.ofEpochMilli(signedAt) + ", earlier than the coordinator can still check for"
                            + " replays under its current load; sign it again");
        }
        if (route.access() == Route.Access.OPERATOR && !account.equals(operator))
            throw new CoordinatorException.Forbidden(ProblemTypes.OPERATOR_ONLY,
                    "only the coordinator's operator (" + operator + ") may " + route.method() + " " + route.path() + "; " + account + " may not");
        return account;
    }

    /** {@code 6m0.5s behind} or {@code 12s ahead of}. */
    private static String describe(Duration skew) {
        Duration abs = skew.abs();
        String amount = abs.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
        return amount + (skew.isNegative() ? " behind" : " ahead of");
    }
}
