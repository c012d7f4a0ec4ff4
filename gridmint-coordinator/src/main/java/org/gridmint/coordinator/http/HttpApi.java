package org.gridmint.coordinator.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.AttemptView;
import org.gridmint.api.BlobRef;
import org.gridmint.api.CheckpointRequest;
import org.gridmint.api.CheckpointView;
import org.gridmint.api.ClaimRequest;
import org.gridmint.api.ClaimResponse;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.FailRequest;
import org.gridmint.api.HeartbeatRequest;
import org.gridmint.api.HeartbeatResponse;
import org.gridmint.api.JobList;
import org.gridmint.api.JobView;
import org.gridmint.api.Problem;
import org.gridmint.api.ProviderList;
import org.gridmint.api.ProviderView;
import org.gridmint.api.QuarantineRequest;
import org.gridmint.api.RegisterProviderRequest;
import org.gridmint.api.SubmitJobRequest;
import org.gridmint.api.json.Json;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.blobs.BlobStore;
import org.gridmint.coordinator.jobs.JobService;
import org.gridmint.coordinator.providers.ProviderService;
import org.gridmint.coordinator.providers.WorkService;
import org.gridmint.core.ids.AccountId;

/**
 * The coordinator's HTTP server: Javalin on virtual threads, bound to the configured host only. Every route is
 * declared once in {@link #routes()}, which also feeds the OpenAPI document; every route but the few public ones
 * runs behind the {@link Authenticator}, and handlers act for {@link #caller} only.
 */
public final class HttpApi implements AutoCloseable {
    /** Results of one task, as answered by the task results route. */
    public record TaskResults(List<BlobRef> outputs) {}

    /** The health check's answer. */
    public record Health(String status, String store) {}

    private final CoordinatorConfig config;
    private final JobService jobs;
    private final ProviderService providers;
    private final WorkService work;
    private final org.gridmint.coordinator.ledger.LedgerService ledger;
    private final org.gridmint.coordinator.stake.StakeService stakes;
    private final BlobStore blobs;
    private final String storeDialect;
    private final org.gridmint.coordinator.Metrics metrics;
    private final Authenticator auth;
    private final GatewayRoutes gateway;
    private final EconomicsRoutes economics;
    private final org.gridmint.coordinator.gateway.Gateway gatewayService;
    private final List<Route> routes;
    private final byte[] openApi;
    private Javalin app;

    /**
     * @param authClock the wall clock that signature timestamps are checked against
     * @param operator the coordinator's own account, the only one allowed on operator routes
     */
    public HttpApi(CoordinatorConfig config, JobService jobs, ProviderService providers, WorkService work,
                   org.gridmint.coordinator.ledger.LedgerService ledger, org.gridmint.coordinator.stake.StakeService stakes, BlobStore blobs,
                   String storeDialect,
                   org.gridmint.coordinator.Metrics metrics, java.time.InstantSource authClock, AccountId operator) {
        this(config, jobs, providers, work, ledger, stakes, blobs, storeDialect, metrics, authClock, operator, null);
    }

    /** @param gateway the online gateway, or null for a server without it */
    public HttpApi(CoordinatorConfig config, JobService jobs, ProviderService providers, WorkService work,
                   org.gridmint.coordinator.ledger.LedgerService ledger, org.gridmint.coordinator.stake.StakeService stakes, BlobStore blobs,
                   String storeDialect, org.gridmint.coordinator.Metrics metrics, java.time.InstantSource authClock, AccountId operator,
                   org.gridmint.coordinator.gateway.Gateway gateway) {
        this(config, jobs, providers, work, ledger, stakes, blobs, storeDialect, metrics, authClock, operator, gateway, null);
    }

    /** @param economics payout addresses, withdrawals, claims and the chain's description, or null for a server without them */
    public HttpApi(CoordinatorConfig config, JobService jobs, ProviderService providers, WorkService work,
                   org.gridmint.coordinator.ledger.LedgerService ledger, org.gridmint.coordinator.stake.StakeService stakes, BlobStore blobs,
                   String storeDialect, org.gridmint.coordinator.Metrics metrics, java.time.InstantSource authClock, AccountId operator,
                   org.gridmint.coordinator.gateway.Gateway gateway, org.gridmint.coordinator.economics.EconomicsService economics) {
        this.config = config;
        this.jobs = jobs;
        this.providers = providers;
        this.work = work;
        this.ledger = ledger;
        this.stakes = stakes;
        this.blobs = blobs;
        this.storeDialect = storeDialect;
        this.metrics = metrics;
        this.auth = new Authenticator(authClock, operator, config.maxBodyBytes());
        this.gatewayService = gateway;
        this.gateway = new GatewayRoutes(gateway, gateway == null ? null : new org.gridmint.coordinator.gateway.Usage(gateway.store(), gateway.billing()), auth,
                config.maxBodyBytes());
        this.economics = economics == null ? null : new EconomicsRoutes(economics, config.maxBodyBytes());
        this.routes = routes();
        this.openApi = Json.write(OpenApi.document(routes));
    }

    /** Starts listening; returns the bound port (useful when the config asked for port 0). */
    public int start() {
        boolean gatewayOn = gatewayService != null;
        app = Javalin.create(cfg -> {
            cfg.concurrency.useVirtualThreads = true;
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            for (Route r : routes) cfg.routes.addHttpHandler(HandlerType.findOrCreate(r.method()), r.path(), auth.wrap(r));
            cfg.routes.exception(Exception.class, (e, ctx) -> Problems.write(ctx, e));
            if (gatewayOn) gateway.registerChannel(cfg);
            cfg.routes.error(404, ctx -> {
                if (ctx.path().startsWith(ApiPaths.OPENAI_BASE + "/")) {
                    if (ctx.attribute(GatewayRoutes.ANSWERED) == null) GatewayRoutes.notFound(ctx);
                    return;
                }
                // Our own 404s are already problem details; Javalin's "endpoint not found" is plain text.
                String type = ctx.res().getContentType();
                if (type == null || !type.startsWith(Problem.MEDIA_TYPE))
                    Problems.send(ctx, Problem.of(404, "Not Found", "no route " + ctx.method() + " " + ctx.path()));
            });
            cfg.routes.error(405, ctx -> Problems.send(ctx, Problem.of(405, "Method Not Allowed", ctx.method() + " is not allowed on " + ctx.path())));
        });
        app.start();
        return app.port();
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        if (app != null) app.stop();
    }

    List<Route> routes() {
        List<Route> r = new ArrayList<>();
        r.add(new Route("GET", ApiPaths.OPENAPI, "This document", "meta", null, Map.class, 200, List.of(), List.of(),
                ctx -> ctx.contentType("application/json").result(openApi)).withAccess(Route.Access.PUBLIC));
        r.add(new Route("GET", ApiPaths.HEALTH, "Liveness and the store in use", "meta", null, Health.class, 200, List.of(), List.of(),
                ctx -> json(ctx, 200, new Health("ok", storeDialect))).withAccess(Route.Access.PUBLIC));
        r.add(new Route("GET", "/metrics", "Prometheus metrics (text exposition format)", "meta", null, String.class, 200, List.of(), List.of(),
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape())).withAccess(Route.Access.PUBLIC));
        r.add(new Route("PUT", ApiPaths.BLOB, "Upload a content-addressed blob (raw body; its SHA-256 must match the path)", "blobs",
                byte[].class, BlobRef.class, 201, List.of(413), List.of(), this::putBlob));
        r.add(new Route("GET", ApiPaths.BLOB, "Download a blob", "blobs", null, byte[].class, 200, List.of(404), List.of(), this::getBlob));
        r.add(new Route("POST", ApiPaths.JOBS, "Submit a job", "jobs", SubmitJobRequest.class, JobView.class, 201, List.of(413), List.of(),
                ctx -> json(ctx, 201, jobs.submit(account(ctx), body(ctx, SubmitJobRequest.class)))));
        r.add(new Route("GET", ApiPaths.JOBS, "List the caller's jobs, newest first", "jobs", null, JobList.class, 200, List.of(), List.of("limit"),
                ctx -> json(ctx, 200, jobs.list(account(ctx), intQuery(ctx, "limit", 100)))));
        r.add(new Route("GET", ApiPaths.JOB, "One job with its tasks and attempts", "jobs", null, JobView.class, 200, List.of(404), List.of(),
                ctx -> json(ctx, 200, jobs.get(account(ctx), ctx.pathParam("jobId")))));
        r.add(new Route("POST", ApiPaths.JOB_CANCEL, "Cancel a job", "jobs", null, JobView.class, 200, List.of(404, 409), List.of(),
                ctx -> json(ctx, 200, jobs.cancel(account(ctx), ctx.pathParam("jobId")))));
        r.add(new Route("GET", ApiPaths.JOB_LOGS, "Captured stdout and stderr of the job's attempts (text)", "jobs", null, String.class, 200,
                List.of(404), List.of("task"), ctx -> ctx.contentType("text/plain; charset=utf-8")
                        .result(jobs.logs(account(ctx), ctx.pathParam("jobId"), optionalInt(ctx, "task")))));
        r.add(new Route("GET", ApiPaths.JOB_RESULTS_ARCHIVE, "Every task's outputs as one zip (task-NNNNN/<path>)", "jobs", null, byte[].class,
                200, List.of(404, 409), List.of(), this::archive));
        r.add(new Route("GET", ApiPaths.JOB_EMBEDDINGS, "A succeeded embed job's vectors in input order: format=npy (the default) is one"
                + " .npy, little-endian float32, shape (items, dimensions); format=jsonl is one line per item, {\"index\", \"id\", \"embedding\"}",
                "jobs", null, byte[].class, 200, List.of(404, 409), List.of("format=npy|jsonl"), this::embeddings));
        r.add(new Route("GET", ApiPaths.TASK_RESULTS, "The outputs of one succeeded task", "jobs", null, TaskResults.class, 200, List.of(404, 409),
                List.of(), ctx -> json(ctx, 200, new TaskResults(jobs.taskResults(account(ctx), ctx.pathParam("jobId"), taskIndex(ctx))))));
        r.add(new Route("GET", ApiPaths.TASK_RESULT_FILE, "One output file of a succeeded task", "jobs", null, byte[].class, 200, List.of(404, 409),
                List.of(), ctx -> sendFile(ctx, jobs.taskResultFile(account(ctx), ctx.pathParam("jobId"), taskIndex(ctx), ctx.pathParam("name")))));
        r.add(new Route("POST", ApiPaths.PROVIDERS, "Register a provider owned by the caller (or re-register one of the caller's by its id)",
                "providers", RegisterProviderRequest.class, ProviderView.class, 200, List.of(403), List.of(),
                ctx -> json(ctx, 200, providers.register(caller(ctx), body(ctx, RegisterProviderRequest.class)))));
        r.add(new Route("GET", ApiPaths.PROVIDERS, "Every provider with its health and record (public market data)", "providers", null,
                ProviderList.class, 200, List.of(), List.of(), ctx -> json(ctx, 200, providers.list())).withAccess(Route.Access.PUBLIC));
        r.add(new Route("PUT", ApiPaths.PROVIDER_ASKS,
                "Change some of the asks of one of the caller's providers, per resource class (cpu per core-hour, gpu:MODEL per GPU-hour); "
                        + "attempts already assigned keep the price they were assigned at", "providers",
                org.gridmint.api.AsksRequest.class, ProviderView.class, 200, List.of(403, 404), List.of(),
                ctx -> json(ctx, 200, providers.changeAsks(caller(ctx), ctx.pathParam("providerId"), body(ctx, org.gridmint.api.AsksRequest.class)))));
        r.add(new Route("POST", ApiPaths.PROVIDER_QUARANTINE, "Quarantine a provider: it gets no more work (operator only)", "providers",
                QuarantineRequest.class, ProviderView.class, 200, List.of(404), List.of(),
                ctx -> json(ctx, 200, providers.quarantine(ctx.pathParam("providerId"), optionalBody(ctx, QuarantineRequest.class))))
                .withAccess(Route.Access.OPERATOR));
        r.add(new Route("POST", ApiPaths.PROVIDER_UNQUARANTINE, "Release a provider from quarantine (operator only)", "providers", null,
                ProviderView.class, 200, List.of(404), List.of(), ctx -> json(ctx, 200, providers.unquarantine(ctx.pathParam("providerId"))))
                .withAccess(Route.Access.OPERATOR));
        r.add(new Route("POST", ApiPaths.PROVIDER_DRAIN, "Drain one of the caller's providers: no new work; its agent checkpoints its tasks,"
                + " hands them back (PROVIDER_DRAINED) and stops; registering again ends the drain", "providers", null, ProviderView.class, 200,
                List.of(403, 404), List.of(), ctx -> json(ctx, 200, providers.drain(caller(ctx), ctx.pathParam("providerId")))));
        r.add(new Route("POST", ApiPaths.PROVIDER_STAKE, "Stake credits from the caller's wallet on one of its providers", "providers",
                org.gridmint.api.StakeRequest.class, org.gridmint.api.StakeView.class, 200, List.of(403, 404, 409), List.of(),
                ctx -> json(ctx, 200, stakes.stake(caller(ctx), ctx.pathParam("providerId"), body(ctx, org.gridmint.api.StakeRequest.class)))));
        r.add(new Route("POST", ApiPaths.PROVIDER_UNSTAKE,
                "Unstake credits from one of the caller's providers: released after the unbonding period, once no result of it awaits a verdict",
                "providers", org.gridmint.api.StakeRequest.class, org.gridmint.api.StakeView.class, 200, List.of(403, 404, 409), List.of(),
                ctx -> json(ctx, 200, stakes.unstake(caller(ctx), ctx.pathParam("providerId"), body(ctx, org.gridmint.api.StakeRequest.class)))));
        r.add(new Route("GET", ApiPaths.PROVIDER_STAKE, "A provider's stake, its unbondings and what slashes took", "providers", null,
                org.gridmint.api.StakeView.class, 200, List.of(404), List.of(), ctx -> json(ctx, 200, stakes.view(ctx.pathParam("providerId")))));
        r.add(new Route("POST", ApiPaths.PROVIDER_CLAIM,
                "Claim work for one of the caller's providers (long poll up to waitMillis, capped at one heartbeat interval)", "work",
                ClaimRequest.class, ClaimResponse.class, 200, List.of(403, 404, 409), List.of(),
                ctx -> json(ctx, 200, new ClaimResponse(work.claim(caller(ctx), ctx.pathParam("providerId"), body(ctx, ClaimRequest.class))))));
        r.add(new Route("POST", ApiPaths.ATTEMPT_HEARTBEAT, "Extend an attempt's lease and report progress", "work", HeartbeatRequest.class,
                HeartbeatResponse.class, 200, List.of(403, 404, 409), List.of(),
                ctx -> json(ctx, 200, work.heartbeat(caller(ctx), ctx.pathParam("attemptId"), body(ctx, HeartbeatRequest.class)))));
        r.add(new Route("POST", ApiPaths.ATTEMPT_COMPLETE, "Report an attempt that exited 0, with its uploaded outputs", "work",
                CompleteRequest.class, AttemptView.class, 200, List.of(403, 404, 409), List.of(),
                ctx -> json(ctx, 200, work.complete(caller(ctx), ctx.pathParam("attemptId"), body(ctx, CompleteRequest.class)))));
        r.add(new Route("POST", ApiPaths.ATTEMPT_CHECKPOINT, "Report an uploaded checkpoint of an attempt's checkpoint dir", "work",
                CheckpointRequest.class, CheckpointView.class, 200, List.of(403, 404, 409), List.of(),
                ctx -> json(ctx, 200, work.checkpoint(caller(ctx), ctx.pathParam("attemptId"), body(ctx, CheckpointRequest.class)))));
        r.add(new Route("POST", ApiPaths.ATTEMPT_FAIL, "Report an attempt that failed, with a typed reason", "work", FailRequest.class,
                AttemptView.class, 200, List.of(403, 404, 409), List.of(),
                ctx -> json(ctx, 200, work.fail(caller(ctx), ctx.pathParam("attemptId"), body(ctx, FailRequest.class)))));
        r.add(new Route("GET", ApiPaths.JOB_BILL, "The job's bill: every attempt, billed or why not; held, paid, refunded; all-in price per useful hour",
                "money", null, org.gridmint.api.JobBill.class, 200, List.of(404), List.of(),
                ctx -> json(ctx, 200, ledger.bill(caller(ctx), ctx.pathParam("jobId")))));
        r.add(new Route("GET", ApiPaths.WALLET, "The caller's balance, what its unfinished jobs hold in escrow, and what its providers earned", "money",
                null, org.gridmint.api.WalletView.class, 200, List.of(), List.of(), ctx -> json(ctx, 200, ledger.wallet(caller(ctx)))));
        r.add(new Route("GET", ApiPaths.WALLET_HISTORY, "The caller's postings, newest first (page with before=SEQ)", "money", null,
                org.gridmint.api.WalletHistory.class, 200, List.of(), List.of("limit", "before"),
                ctx -> json(ctx, 200, ledger.history(caller(ctx), optionalLong(ctx, "before"), intQuery(ctx, "limit", 50)))));
        r.add(new Route("POST", ApiPaths.WALLET_FAUCET, "Take test credits into the caller's account (dev mode only: --dev-faucet)", "money",
                org.gridmint.api.DepositRequest.class, org.gridmint.api.DepositView.class, 201, List.of(403, 409), List.of(),
                ctx -> json(ctx, 201, ledger.faucet(caller(ctx), body(ctx, org.gridmint.api.DepositRequest.class)))));
        r.add(new Route("POST", ApiPaths.LEDGER_MINT, "Mint credits into an account (operator only, dev mode only)", "money",
                org.gridmint.api.DepositRequest.class, org.gridmint.api.DepositView.class, 201, List.of(403, 409), List.of(),
                ctx -> json(ctx, 201, ledger.mint(body(ctx, org.gridmint.api.DepositRequest.class)))).withAccess(Route.Access.OPERATOR));
        r.add(new Route("GET", ApiPaths.EARNINGS, "What the caller's providers earned: totals, per provider, latest payments", "money", null,
                org.gridmint.api.Earnings.class, 200, List.of(), List.of("limit"), ctx -> json(ctx, 200, ledger.earnings(caller(ctx), intQuery(ctx, "limit", 20)))));
        r.addAll(gateway.routes());
        if (economics != null) r.addAll(economics.routes());
        return List.copyOf(r);
    }

    private void putBlob(Context ctx) throws IOException {
        String sha = ctx.pathParam("sha256");
        long declared = ctx.contentLength();
        if (declared > blobs.maxBytes()) throw new CoordinatorException.TooLarge("blob of " + declared + " bytes is over the limit of " + blobs.maxBytes());
        try (InputStream in = ctx.bodyInputStream()) {
            long size = blobs.put(sha, in);
            json(ctx, 201, new BlobRef(null, sha, size));
        }
    }

    private void getBlob(Context ctx) throws IOException {
        sendFile(ctx, blobs.require(ctx.pathParam("sha256")));
    }

    private void archive(Context ctx) throws IOException {
        String jobId = ctx.pathParam("jobId");
        var contents = jobs.archiveContents(account(ctx), jobId);
        ctx.contentType("application/zip").header("Content-Disposition", "attachment; filename=\"" + jobId + "-results.zip\"");
        // Streamed: results can be far larger than the heap.
        jobs.writeArchive(contents, ctx.outputStream());
    }

    private void embeddings(Context ctx) throws IOException {
        String jobId = ctx.pathParam("jobId");
        var plan = jobs.embeddings(account(ctx), jobId, ctx.queryParam("format"));
        ctx.contentType(plan.format().mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + jobId + "-embeddings." + plan.format().wire() + "\"");
        // Streamed: the vectors of a large input are far larger than the heap.
        jobs.writeEmbeddings(plan, ctx.outputStream());
    }

    private static void sendFile(Context ctx, java.nio.file.Path file) throws IOException {
        ctx.contentType("application/octet-stream").header("Content-Length", String.valueOf(java.nio.file.Files.size(file)))
                .result(java.nio.file.Files.newInputStream(file));
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    private <T> T body(Context ctx, Class<T> type) throws IOException {
        return Json.read(RequestBody.bytes(ctx, config.maxBodyBytes()), type);
    }

    /** The body as {@code type}, or null when there is none. */
    private <T> T optionalBody(Context ctx, Class<T> type) throws IOException {
        byte[] bytes = RequestBody.bytes(ctx, config.maxBodyBytes());
        return bytes.length == 0 ? null : Json.read(bytes, type);
    }

    /** The verified account of the signed request being handled. */
    static AccountId caller(Context ctx) {
        return Authenticator.caller(ctx);
    }

    /** The caller's account id as jobs record their owner. */
    static String account(Context ctx) {
        return caller(ctx).value();
    }

    private static int taskIndex(Context ctx) {
        try {
            return Integer.parseInt(ctx.pathParam("index"));
        } catch (NumberFormatException e) {
            throw new CoordinatorException.Invalid("index", "must be a task index (an integer), was '" + ctx.pathParam("index") + "'");
        }
    }

    private static Long optionalLong(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null) return null;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new CoordinatorException.Invalid(name, "must be an integer, was '" + v + "'");
        }
    }

    private static Integer optionalInt(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null) return null;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new CoordinatorException.Invalid(name, "must be an integer, was '" + v + "'");
        }
    }

    private static int intQuery(Context ctx, String name, int dflt) {
        Integer v = optionalInt(ctx, name);
        return v == null ? dflt : v;
    }
}
