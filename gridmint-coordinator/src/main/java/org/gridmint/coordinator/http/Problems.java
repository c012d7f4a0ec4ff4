package org.gridmint.coordinator.http;

import io.javalin.http.Context;
import java.util.List;
import org.gridmint.api.Problem;
import org.gridmint.api.json.InvalidInputException;
import org.gridmint.api.json.Json;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.store.StoreException;
import org.gridmint.core.spec.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps every error to one RFC 9457 problem detail, in one place. */
final class Problems {
    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    private Problems() {}

    static void write(Context ctx, Exception e) {
        Problem p = switch (e) {
            case CoordinatorException.Invalid inv -> invalid(inv.errors());
            case InvalidInputException inv -> invalid(inv.errors());
            case CoordinatorException.NotFound nf -> Problem.of(404, "Not Found", nf.getMessage());
            case CoordinatorException.Conflict c ->
                    new Problem(c.type() == null ? "about:blank" : c.type(), "Conflict", 409, c.getMessage(), null, null, c.state());
            case CoordinatorException.TooLarge t -> Problem.of(413, "Content Too Large", t.getMessage());
            case CoordinatorException.PaymentRequired pay -> new Problem(CoordinatorException.PaymentRequired.TYPE, "Payment Required", 402, pay.getMessage(),
                    null, null, null);
            case CoordinatorException.Unauthorized u -> {
                // RFC 9110 asks a 401 to name the scheme that would succeed.
                ctx.header("WWW-Authenticate", Authenticator.SCHEME);
                yield new Problem(u.type(), "Unauthorized", 401, u.getMessage(), null, null, null);
            }
            case CoordinatorException.Forbidden f -> new Problem(f.type(), "Forbidden", 403, f.getMessage(), null, null, null);
            case StoreException s -> {
                log.error("store failure on {} {}", ctx.method(), ctx.path(), s);
                yield Problem.of(503, "Service Unavailable", "the coordinator's store failed; retry later");
            }
            default -> {
                log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
                yield Problem.of(500, "Internal Server Error", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
        };
        send(ctx, withInstance(p, ctx.path()));
    }

    static void send(Context ctx, Problem p) {
        ctx.status(p.status()).contentType(Problem.MEDIA_TYPE).result(Json.write(p));
    }

    static Problem invalid(List<FieldError> errors) {
        var items = errors.stream().map(f -> new Problem.FieldProblem(f.field(), f.message())).toList();
        String detail = errors.size() == 1 ? errors.getFirst().toString() : errors.size() + " fields are invalid";
        return new Problem("about:blank", "Bad Request", 400, detail, null, items, null);
    }

    private static Problem withInstance(Problem p, String path) {
        return new Problem(p.type(), p.title(), p.status(), p.detail(), path, p.errors(), p.state());
    }
}
