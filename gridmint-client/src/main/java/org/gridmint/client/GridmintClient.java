package org.gridmint.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.gridmint.api.ApiKeyList;
import org.gridmint.api.ApiKeyRequest;
import org.gridmint.api.ApiKeyView;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.BlobRef;
import org.gridmint.api.ChainInfo;
import org.gridmint.api.ClaimList;
import org.gridmint.api.JobList;
import org.gridmint.api.JobView;
import org.gridmint.api.PayoutAddressRequest;
import org.gridmint.api.PayoutAddressView;
import org.gridmint.api.ProviderView;
import org.gridmint.api.ProviderList;
import org.gridmint.api.QuarantineRequest;
import org.gridmint.api.SubmitJobRequest;
import org.gridmint.api.WithdrawRequest;
import org.gridmint.api.WithdrawalList;
import org.gridmint.api.WithdrawalView;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.http.ApiException;
import org.gridmint.api.http.ApiTransport;
import org.gridmint.api.json.InvalidInputException;
import org.gridmint.api.json.JobSpecFiles;
import org.gridmint.api.files.SafeUnzip;
import org.gridmint.client.internal.SpecUploads;
import org.gridmint.core.spec.JobSpecDraft;
import org.gridmint.core.spec.JobSpecValidator;

/**
 * A client of one Gridmint coordinator: submits jobs, follows them, cancels them and fetches their logs and
 * results. Thread-safe; close it to release its HTTP connections.
 *
 * <p>Failure modes: the coordinator's error answers throw {@link ApiException} carrying the problem (status,
 * title, detail, field errors); a coordinator that cannot be reached throws {@link UncheckedIOException};
 * a spec that is invalid before anything is sent throws {@link InvalidInputException} listing every field.
 */
public final class GridmintClient implements AutoCloseable {
    /**
     * How long an OpenAI-compatible gateway request may take before the client gives up: two of the coordinator's default
     * call timeouts ({@code --gateway-timeout 30s}). A request that outlasts it (a slot wait and more than one provider
     * timing out in turn) fails here although the coordinator may still answer it.
     */
    public static final Duration GATEWAY_TIMEOUT = Duration.ofSeconds(60);
    private final ApiTransport transport;
    private final org.gridmint.client.internal.Gateway gateway;

    /**
     * A client of the coordinator at {@code coordinator} (e.g. {@code http://127.0.0.1:7070}) that signs every request
     * as {@code identity}: its jobs belong to {@code identity.account()}. Load one with {@link Identity#loadOrCreate}.
     */
    public GridmintClient(URI coordinator, Identity identity) {
        this(new ApiTransport(coordinator, java.util.Objects.requireNonNull(identity, "identity")));
    }

    /** A client over an existing transport, which it closes with itself. */
    public GridmintClient(ApiTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        // The gateway's worst case is not bounded by one number: a request may wait up to --gateway-timeout (30 s by default)
        // for a slot, then as long on each provider it tries in turn. 60 s covers a slot wait and one timed-out provider, or
        // two timed-out providers; beyond that the client gives up first (the server's bill covers only answers it sent).
        this.gateway = new org.gridmint.client.internal.Gateway(transport.base(), GATEWAY_TIMEOUT);
    }

    /** The coordinator's base URL. */
    public URI coordinator() {
        return transport.base();
    }

    /**
     * Reads a job spec (YAML, or JSON for {@code .json} files), checks it, uploads its files and an embed job's input
     * (paths relative to the spec file's directory) and submits the job.
     *
     * @throws InvalidInputException when the spec cannot be read or is invalid, or a listed file is missing;
     *     nothing has been uploaded or created then
     */
    public JobView submit(Path specFile) {
        JobSpecDraft draft;
        try {
            draft = JobSpecFiles.read(specFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the job spec " + specFile + ": " + e.getMessage(), e);
        }
        Path dir = specFile.toAbsolutePath().getParent();
        return submit(draft, dir);
    }

    /**
     * Checks a spec, uploads its files (paths relative to {@code baseDir}), each as a blob named by its base
     * name, and submits the job.
     *
     * @throws InvalidInputException when the spec is invalid or a listed file is missing; nothing has been
     *     uploaded or created then
     */
    public JobView submit(JobSpecDraft spec, Path baseDir) {
        if (JobSpecValidator.validate(spec) instanceof JobSpecValidator.Invalid invalid) {
            throw new InvalidInputException(invalid.errors());
        }
        List<BlobRef> blobs = new ArrayList<>();
        for (SpecUploads.Upload u : SpecUploads.resolve(spec, baseDir)) blobs.add(transport.putBlob(u.name(), u.path()));
        return transport.post(ApiPaths.JOBS, new SubmitJobRequest(spec, blobs), JobView.class);
    }

    /** The job with its tasks and their attempts. */
    public JobView job(String jobId) {
        return transport.get(ApiPaths.expand(ApiPaths.JOB, jobId), JobView.class);
    }

    /** The account's jobs, newest first, without their tasks. */
    public List<JobView> jobs() {
        JobList list = transport.get(ApiPaths.JOBS, JobList.class);
        return list.jobs() == null ? List.of() : list.jobs();
    }

    /** Cancels the job (its running attempts are stopped) and returns it as it is now. */
    public JobView cancel(String jobId) {
        return transport.post(ApiPaths.expand(ApiPaths.JOB_CANCEL, jobId), null, JobView.class);
    }

    /** The job's logs as text: all tasks' when {@code task} is null, else that task's. */
    public String logs(String jobId, Integer task) {
        String path = ApiPaths.expand(ApiPaths.JOB_LOGS, jobId);
        return transport.getText(task == null ? path : path + "?task=" + task);
    }

    /** The outputs a succeeded task produced, by name; empty while it has none. */
    public List<BlobRef> taskResults(String jobId, int index) {
        TaskOutputs o = transport.get(ApiPaths.expand(ApiPaths.TASK_RESULTS, jobId, index), TaskOutputs.class);
        return o.outputs() == null ? List.of() : o.outputs();
    }

    /** Downloads one output of one task into {@code target}, which is replaced once the download completes. */
    public void downloadTaskResult(String jobId, int index, String name, Path target) {
        transport.download(ApiPaths.expand(ApiPaths.TASK_RESULT_FILE, jobId, index, name), target);
    }

    /**
     * Downloads every task's outputs as one archive and extracts it under {@code dir} (created if missing), as
     * {@code task-00007/<output path>}. An archive entry that would land outside {@code dir} fails the whole
     * extraction before anything is written.
     *
     * @return the files written
     */
    public List<Path> downloadResults(String jobId, Path dir) {
        Path zip = null;
        try {
            zip = Files.createTempFile("gridmint-results-", ".zip");
            transport.download(ApiPaths.expand(ApiPaths.JOB_RESULTS_ARCHIVE, jobId), zip);
            return SafeUnzip.extract(zip, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the results of " + jobId + " into " + dir + ": " + e.getMessage(), e);
        } finally {
            if (zip != null) {
                try {
                    Files.deleteIfExists(zip);
                } catch (IOException ignored) {
                    // A temp file left behind is harmless; the results are what matter.
                }
            }
        }
    }

    /**
     * Downloads a succeeded embed job's vectors, in input order, into {@code target} (replaced once the download completes):
     * {@code format} {@code npy} is one NumPy file, little-endian float32, shape (items, dimensions); {@code jsonl} is one line
     * per item, {@code {"index", "id", "embedding"}}. A job that has not succeeded is a 409 {@link ApiException} naming its
     * state; a format other than npy or jsonl a 400 naming {@code format}.
     */
    public void downloadEmbeddings(String jobId, String format, Path target) {
        transport.download(embeddingsPath(jobId, format), target);
    }

    /** As {@link #downloadEmbeddings(String, String, Path)}, streamed into {@code out}, which stays open. */
    public void downloadEmbeddings(String jobId, String format, java.io.OutputStream out) {
        transport.download(embeddingsPath(jobId, format), out);
    }

    private static String embeddingsPath(String jobId, String format) {
        Objects.requireNonNull(format, "format");
        return ApiPaths.expand(ApiPaths.JOB_EMBEDDINGS, jobId) + "?format="
                + java.net.URLEncoder.encode(format, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Every registered provider with its health and record. */
    public List<ProviderView> providers() {
        ProviderList list = transport.get(ApiPaths.PROVIDERS, ProviderList.class);
        return list.providers() == null ? List.of() : list.providers();
    }

    /**
     * Changes some asks of one of the caller's providers without re-registering it: credits per hour by resource class
     * ({@code cpu} per core-hour, {@code gpu:MODEL} per GPU-hour, MODEL a part of one of its GPU models); the classes left
     * out keep theirs. Tasks already assigned keep the price they were assigned at. A bad class or price is a 400
     * {@link ApiException} naming it (nothing changes); another account's provider a 403.
     */
    public ProviderView changeAsks(String providerId, java.util.Map<String, java.math.BigDecimal> asks) {
        return transport.put(ApiPaths.expand(ApiPaths.PROVIDER_ASKS, providerId), new org.gridmint.api.AsksRequest(asks), ProviderView.class);
    }

    /**
     * Quarantines a provider: it gets no more work until released. Only the coordinator's operator may (sign
     * with the coordinator's own key); anyone else gets a 403 {@link ApiException}.
     *
     * @param reason shown with the provider; may be null
     */
    public ProviderView quarantine(String providerId, String reason) {
        return transport.post(ApiPaths.expand(ApiPaths.PROVIDER_QUARANTINE, providerId), new QuarantineRequest(reason), ProviderView.class);
    }

    /**
     * Drains one of the caller's providers: it gets no new work, and its agent checkpoints its running tasks, hands
     * them back and stops. Answers the provider, DRAINING; another account's provider is a 403 {@link ApiException}.
     */
    public ProviderView drainProvider(String providerId) {
        return transport.post(ApiPaths.expand(ApiPaths.PROVIDER_DRAIN, providerId), null, ProviderView.class);
    }

    /**
     * Stakes {@code amount} credits from the caller's wallet on one of its providers: a stake that a lost verdict slashes,
     * and that jobs with a minimum stake ask for. More than the wallet holds, zero, negative or over 6 decimals is a 400
     * {@link ApiException} naming {@code amount} (nothing changes); another account's provider a 403.
     */
    public org.gridmint.api.StakeView stake(String providerId, java.math.BigDecimal amount) {
        return transport.post(ApiPaths.expand(ApiPaths.PROVIDER_STAKE, providerId), new org.gridmint.api.StakeRequest(amount),
                org.gridmint.api.StakeView.class);
    }

    /**
     * Starts unstaking {@code amount} credits from one of the caller's providers: they stay in the stake (a slash still
     * reaches them) until the unbonding period has passed and no result of the provider awaits a verdict, then return to
     * the wallet. More than the stake less what is already unbonding is a 400 {@link ApiException} naming {@code amount}.
     */
    public org.gridmint.api.StakeView unstake(String providerId, java.math.BigDecimal amount) {
        return transport.post(ApiPaths.expand(ApiPaths.PROVIDER_UNSTAKE, providerId), new org.gridmint.api.StakeRequest(amount),
                org.gridmint.api.StakeView.class);
    }

    /** A provider's stake, its unbondings and what slashes took from it. */
    public org.gridmint.api.StakeView stakeOf(String providerId) {
        return transport.get(ApiPaths.expand(ApiPaths.PROVIDER_STAKE, providerId), org.gridmint.api.StakeView.class);
    }

    /** Releases a provider from quarantine; operator only, as {@link #quarantine}. */
    public ProviderView unquarantine(String providerId) {
        return transport.post(ApiPaths.expand(ApiPaths.PROVIDER_UNQUARANTINE, providerId), null, ProviderView.class);
    }

    /**
     * Polls the job every {@code poll} until it is final, calling {@code onChange} with the first view and
     * with every view that differs from the one before, and returns the final view. Errors of a poll are
     * thrown, not retried: the caller decides whether to watch again.
     *
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    public JobView watch(String jobId, Duration poll, Consumer<JobView> onChange) throws InterruptedException {
        Objects.requireNonNull(poll, "poll");
        JobView last = null;
        while (true) {
            JobView now = job(jobId);
            if (!now.equals(last)) onChange.accept(now);
            last = now;
            if (JobStates.isFinal(now.state())) return now;
            Thread.sleep(poll);
        }
    }

    /** The caller's balance, what its running jobs hold in escrow, and what its providers earned. */
    public org.gridmint.api.WalletView wallet() {
        return transport.get(ApiPaths.WALLET, org.gridmint.api.WalletView.class);
    }

    /** A page of the caller's postings, newest first: older than journal entry {@code before} when given. */
    public org.gridmint.api.WalletHistory history(Long before, int limit) {
        String q = "?limit=" + limit + (before == null ? "" : "&before=" + before);
        return transport.get(ApiPaths.WALLET_HISTORY + q, org.gridmint.api.WalletHistory.class);
    }

    /**
     * Takes test credits from the dev faucet (only on a coordinator started with --dev-faucet). The same
     * {@code reference} deposits once, so a retry after a lost answer is safe; null makes a fresh deposit.
     */
    public org.gridmint.api.DepositView faucet(java.math.BigDecimal amount, String reference) {
        return transport.post(ApiPaths.WALLET_FAUCET, new org.gridmint.api.DepositRequest(null, amount, reference), org.gridmint.api.DepositView.class);
    }

    /** Mints credits into {@code account}: only the coordinator's operator key may, and only in dev mode. */
    public org.gridmint.api.DepositView mint(String account, java.math.BigDecimal amount, String reference) {
        return transport.post(ApiPaths.LEDGER_MINT, new org.gridmint.api.DepositRequest(account, amount, reference), org.gridmint.api.DepositView.class);
    }

    /**
     * How the coordinator settles money: {@code embedded} (its own ledger only; the other fields are null) or {@code evm},
     * with the chain id, a JSON-RPC URL for the caller's own transactions, the contracts' addresses, the operator and the
     * confirmations a deposit needs before it is credited.
     */
    public ChainInfo chainInfo() {
        return transport.get(ApiPaths.CHAIN, ChainInfo.class);
    }

    /** The caller's payout address on the chain; its {@code address} is null while none is set. */
    public PayoutAddressView payoutAddress() {
        return transport.get(ApiPaths.WALLET_ADDRESS, PayoutAddressView.class);
    }

    /**
     * Sets where the caller is paid on-chain: its providers' epoch earnings, its withdrawals and its GRID rewards from the
     * next epoch batch on. An address that is not 0x and 40 hex digits is a 400 {@link ApiException} naming {@code address}.
     */
    public PayoutAddressView setPayoutAddress(String address) {
        return transport.put(ApiPaths.WALLET_ADDRESS, new PayoutAddressRequest(address), PayoutAddressView.class);
    }

    /**
     * Withdraws {@code amount} credits that no job holds: they leave the ledger at once and are paid to the payout address in
     * the next epoch's settlement batch, claimable on-chain with a Merkle proof ({@link #claims()}). The same
     * {@code reference} withdraws once, so a retry after a lost answer is safe; null makes a fresh one. More than the
     * balance, zero or over 6 decimals is a 400 naming {@code amount}; no payout address, or an embedded coordinator, a 409.
     */
    public WithdrawalView withdraw(BigDecimal amount, String reference) {
        return transport.post(ApiPaths.WALLET_WITHDRAWALS, new WithdrawRequest(amount, reference), WithdrawalView.class);
    }

    /** The caller's withdrawals, newest first, each with the epoch whose batch pays it and where it stands. */
    public WithdrawalList withdrawals() {
        WithdrawalList list = transport.get(ApiPaths.WALLET_WITHDRAWALS, WithdrawalList.class);
        return list.withdrawals() == null ? new WithdrawalList(list.account(), List.of()) : list;
    }

    /**
     * What the caller's payout address may claim on-chain, oldest epoch first: per epoch its credits and GRID (also as the
     * exact base units the leaf commits to), the Merkle proof, and whether it is claimable, claimed or not posted yet.
     */
    public ClaimList claims() {
        ClaimList list = transport.get(ApiPaths.WALLET_CLAIMS, ClaimList.class);
        return list.claims() == null ? new ClaimList(list.account(), list.address(), list.chain(), List.of()) : list;
    }

    /** The job's bill: per task, which attempts were billed and why the others were not; totals held, paid and refunded. */
    public org.gridmint.api.JobBill bill(String jobId) {
        return transport.get(ApiPaths.expand(ApiPaths.JOB_BILL, jobId), org.gridmint.api.JobBill.class);
    }

    /** What the caller's providers earned: totals, per provider, and the latest {@code limit} payments. */
    public org.gridmint.api.Earnings earnings(int limit) {
        return transport.get(ApiPaths.EARNINGS + "?limit=" + limit, org.gridmint.api.Earnings.class);
    }

    /**
     * The network's economics for its last {@code epochs} epochs (1 to 1000), the current one first: revenue, fees, slashes
     * and subsidies in credits beside the GRID emitted and its value, the work done and the all-in price per GPU-hour. A
     * count out of range is a 400 {@link ApiException} naming {@code epochs}.
     */
    public org.gridmint.api.NetworkReport networkReport(int epochs) {
        return transport.get(ApiPaths.NETWORK_REPORT + "?epochs=" + epochs, org.gridmint.api.NetworkReport.class);
    }

    /**
     * Creates an API key of the OpenAI-compatible gateway for the caller's account (requests made with it are billed to
     * it). The answer holds the whole secret ({@code gm-…}) in {@link ApiKeyView#key()}: the only time it is shown.
     *
     * @param name a label of the caller's choice, 1-64 characters; a bad one is a 400 {@link ApiException} naming {@code name}
     */
    public ApiKeyView createApiKey(String name) {
        return transport.post(ApiPaths.APIKEYS, new ApiKeyRequest(name), ApiKeyView.class);
    }

    /** The caller's API keys, newest first, revoked ones included, without their secrets. */
    public ApiKeyList apiKeys() {
        ApiKeyList list = transport.get(ApiPaths.APIKEYS, ApiKeyList.class);
        return list.keys() == null ? new ApiKeyList(List.of()) : list;
    }

    /**
     * Revokes one of the caller's API keys: requests with it fail with 401 from now on. Another account's key, or one that
     * does not exist, is a 404 {@link ApiException}.
     *
     * @return the key as it is now, or null when the coordinator answers without a body
     */
    public ApiKeyView revokeApiKey(String id) {
        return transport.delete(ApiPaths.expand(ApiPaths.APIKEY, id), ApiKeyView.class);
    }

    /** The caller's use of the gateway: totals over all time and its latest {@code limit} requests (which provider served each). */
    public org.gridmint.api.UsageReport usage(int limit) {
        return transport.get(ApiPaths.USAGE + "?limit=" + limit, org.gridmint.api.UsageReport.class);
    }

    /**
     * Embeds {@code input} with {@code model} through the OpenAI-compatible {@code POST /v1/embeddings}, authenticated with
     * {@code apiKey} (not with this client's key pair: the API key names the account billed). Each
     * {@code data[i].embedding} of the answer is a {@code float[]} (the SDK asks for base64, which is exact, and decodes it);
     * {@code data} is in input order.
     *
     * @throws GatewayException for an error answer, with OpenAI's status, type, code and message (401 bad key, 404 unknown
     *     model, 429 every provider full, 400 bad input)
     */
    public org.gridmint.api.openai.EmbeddingsResponse embeddings(String apiKey, String model, List<String> input) {
        return gateway.embeddings(apiKey, model, input);
    }

    /**
     * As {@link #embeddings} but answers the gateway's JSON unchanged; {@code encodingFormat} is {@code float},
     * {@code base64} or null (the gateway's default, float).
     */
    public byte[] embeddingsJson(String apiKey, String model, List<String> input, String encodingFormat) {
        return gateway.embeddingsJson(apiKey, model, input, encodingFormat);
    }

    @Override
    public void close() {
        gateway.close();
        transport.close();
    }

    /** The body of the task results route. */
    private record TaskOutputs(List<BlobRef> outputs) {}
}
