/**
 * Identities and signed requests: every client and provider holds an Ed25519 key pair; its account id is
 * derived from the public key; a request carries the key, a timestamp, a nonce and a signature over method,
 * path with query, timestamp, nonce and the body's SHA-256. The coordinator's replay cache and its 401
 * answers live in the coordinator; this package holds what both sides share.
 */
package org.gridmint.api.auth;
