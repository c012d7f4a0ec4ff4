/**
 * The online gateway: the provider channel (a WebSocket each provider opens, so it can serve from behind NAT), the
 * {@code ChannelHub} that routes calls to the least-loaded provider serving a model and retries elsewhere, the
 * OpenAI-compatible {@code /v1/embeddings} and {@code /v1/models}, API keys, and per-token billing through the ledger.
 *
 * <pre>
 * OpenAI client ──POST /v1/embeddings (Bearer gm-…)──▶ Gateway ──pick──▶ ChannelHub ──EmbedCall──▶ provider (WebSocket)
 *        ▲                                               │  ▲                 │ ◀──Embedded / CallFailed──┘
 *        └────────── data[], usage ◀── InferenceBilling ─┘  └─ retry on another provider (closed, failed, timed out, bad shape)
 * </pre>
 *
 * <p>On the request's path the database is read once (the quota check's balance): API keys are trusted from memory for
 * {@code GatewayConfig.keyCacheTtl} ({@code ApiKeys}), and a request's bill is committed behind its answer by
 * {@code InferenceBilling}'s writer, several bills to a transaction (BENCHMARKS.md, "Gateway (issue 6)").
 */
package org.gridmint.coordinator.gateway;
