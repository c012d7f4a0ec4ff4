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
