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
 */
package org.gridmint.coordinator.gateway;
