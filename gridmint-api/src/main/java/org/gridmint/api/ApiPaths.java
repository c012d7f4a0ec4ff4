package org.gridmint.api;

/** The routes of the HTTP API, in one place for server, agents and SDK (the signature headers are in {@code auth.RequestSignature}). */
public final class ApiPaths {
    private ApiPaths() {}

    public static final String BASE = "/api/v1";

    public static final String OPENAPI = BASE + "/openapi.json";
    public static final String HEALTH = BASE + "/health";
    public static final String BLOB = BASE + "/blobs/{sha256}";
    public static final String JOBS = BASE + "/jobs";
    public static final String JOB = BASE + "/jobs/{jobId}";
    public static final String JOB_CANCEL = BASE + "/jobs/{jobId}/cancel";
    public static final String JOB_LOGS = BASE + "/jobs/{jobId}/logs";
    public static final String JOB_RESULTS_ARCHIVE = BASE + "/jobs/{jobId}/results.zip";
    /** A succeeded embed job's vectors in input order; query {@code format=npy} (the default) or {@code format=jsonl}. */
    public static final String JOB_EMBEDDINGS = BASE + "/jobs/{jobId}/embeddings";
    public static final String TASK_RESULTS = BASE + "/jobs/{jobId}/tasks/{index}/results";
    public static final String TASK_RESULT_FILE = BASE + "/jobs/{jobId}/tasks/{index}/results/{name}";
    public static final String PROVIDERS = BASE + "/providers";
    public static final String PROVIDER_CLAIM = BASE + "/providers/{providerId}/claim";
    public static final String PROVIDER_ASKS = BASE + "/providers/{providerId}/asks";
    public static final String PROVIDER_QUARANTINE = BASE + "/providers/{providerId}/quarantine";
    public static final String PROVIDER_UNQUARANTINE = BASE + "/providers/{providerId}/unquarantine";
    public static final String PROVIDER_DRAIN = BASE + "/providers/{providerId}/drain";
    public static final String PROVIDER_STAKE = BASE + "/providers/{providerId}/stake";
    public static final String PROVIDER_UNSTAKE = BASE + "/providers/{providerId}/unstake";
    public static final String ATTEMPT_HEARTBEAT = BASE + "/attempts/{attemptId}/heartbeat";
    public static final String ATTEMPT_COMPLETE = BASE + "/attempts/{attemptId}/complete";
    public static final String ATTEMPT_FAIL = BASE + "/attempts/{attemptId}/fail";
    public static final String ATTEMPT_CHECKPOINT = BASE + "/attempts/{attemptId}/checkpoint";
    public static final String JOB_BILL = BASE + "/jobs/{jobId}/bill";
    public static final String WALLET = BASE + "/wallet";
    public static final String WALLET_HISTORY = BASE + "/wallet/history";
    public static final String WALLET_FAUCET = BASE + "/wallet/faucet";
    public static final String LEDGER_MINT = BASE + "/ledger/mint";
    public static final String EARNINGS = BASE + "/earnings";
    /** The network's economics per epoch: revenue beside emissions (GET, any signed caller; ?epochs=N). */
    public static final String NETWORK_REPORT = BASE + "/network/report";
    /** How this coordinator settles: embedded (its own ledger) or on an EVM chain, with the contracts' addresses (public). */
    public static final String CHAIN = BASE + "/chain";
    /** The caller's payout address on the chain (GET; PUT with {@link PayoutAddressRequest}). */
    public static final String WALLET_ADDRESS = BASE + "/wallet/address";
    /** Withdraw credits that are not held: POST {@link WithdrawRequest}; GET lists the caller's withdrawals. */
    public static final String WALLET_WITHDRAWALS = BASE + "/wallet/withdrawals";
    /** What the caller's payout address may claim on-chain: leaves and Merkle proofs of posted epochs. */
    public static final String WALLET_CLAIMS = BASE + "/wallet/claims";
    /** The provider channel: a WebSocket upgrade, signed like other provider requests (GET, this path, empty body). */
    public static final String PROVIDER_CHANNEL = BASE + "/providers/{providerId}/channel";
    public static final String APIKEYS = BASE + "/apikeys";
    public static final String APIKEY = BASE + "/apikeys/{keyId}";
    /** The caller's recent gateway usage and its totals. */
    public static final String USAGE = BASE + "/usage";
    /** The OpenAI-compatible gateway: outside {@code /api/v1}, where OpenAI clients expect it; bearer API keys, not signatures. */
    public static final String OPENAI_BASE = "/v1";
    public static final String OPENAI_EMBEDDINGS = OPENAI_BASE + "/embeddings";
    public static final String OPENAI_MODELS = OPENAI_BASE + "/models";

    public static String expand(String template, Object... values) {
        String s = template;
        for (Object v : values) {
            int open = s.indexOf('{');
            int close = s.indexOf('}', open);
            s = s.substring(0, open) + java.net.URLEncoder.encode(String.valueOf(v), java.nio.charset.StandardCharsets.UTF_8) + s.substring(close + 1);
        }
        return s;
    }
}
