package org.gridmint.api;

import java.time.Instant;

/**
 * An API key of the OpenAI-compatible gateway. It acts for the account that created it and is billed to it.
 *
 * @param id the key's id, for revoking it
 * @param prefix the first characters of the secret, to tell keys apart
 * @param key the whole secret ({@code gm-…}); only in the answer to its creation, never again (the coordinator keeps a hash)
 * @param revokedAt when it was revoked; null while it works
 */
public record ApiKeyView(String id, String name, String prefix, Instant createdAt, Instant revokedAt, String key) {}
