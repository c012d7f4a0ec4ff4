/**
 * The provider's end of the online channel: a WebSocket the agent opens to its coordinator (so a provider behind NAT can
 * serve), on which the coordinator sends embedding calls and the agent answers each from its loaded models.
 *
 * <pre>
 *  agent registered ─▶ ProviderChannel: connect (signed GET of the channel path) ─▶ send Ready(offers, capacity)
 *        ▲                                   │ EmbedCall ─▶ EmbedCalls on `capacity` threads ─▶ Embedded | CallFailed
 *        │                                   │ Alive every 5 s while calls run (and every 15 s with the idle ping)
 *        └── backoff ◀── closed / failed ◀───┘
 * </pre>
 */
package org.gridmint.provider.channel;
