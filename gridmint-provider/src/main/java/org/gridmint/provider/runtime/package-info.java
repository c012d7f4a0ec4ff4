/**
 * Runs one attempt from start to end: stage the job's files out of a content-addressed cache, start the
 * command in the sandbox, watch its wall time, capture its logs, collect and upload its outputs, and say how
 * it ended as an {@link org.gridmint.provider.runtime.Outcome}. It talks to the coordinator only through
 * {@link org.gridmint.provider.runtime.BlobStore}; reporting the outcome is the agent's job.
 * {@link org.gridmint.provider.runtime.Runtimes} hands each assignment to its runtime by name: {@code exec}
 * ({@link org.gridmint.provider.runtime.ExecRuntime}) as drawn below, or {@code embed}
 * ({@link org.gridmint.provider.runtime.EmbedRuntime}), which stages {@code shard.jsonl}, embeds it in batches with the
 * agent's shared model in place of a command, and uploads {@code embeddings.npy} the same way.
 *
 * <pre>
 *  stage ──▶ start in sandbox ──▶ wait (timeout | stop | exit) ──▶ collect outputs ──▶ upload ──▶ Outcome
 *    │ STAGING_FAILED   │ SANDBOX_ERROR   │ TIMEOUT, EXIT_NONZERO    │ OUTPUT_MISSING   │ UPLOAD_FAILED
 * </pre>
 */
package org.gridmint.provider.runtime;
