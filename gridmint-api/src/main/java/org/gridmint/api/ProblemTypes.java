package org.gridmint.api;

/**
 * The {@code type} URIs of the problems that say why a request was not authorized, so that a client can tell a
 * clock to fix (stale) from a key to fix (bad signature) without parsing the detail.
 */
public final class ProblemTypes {
    private ProblemTypes() {}

    private static final String PREFIX = "urn:gridmint:problem:";

    /** 401: no {@code Gridmint-Key} header: the request is not signed at all. */
    public static final String UNSIGNED = PREFIX + "unsigned";
    /** 401: a signature header is missing or malformed; the detail names it. */
    public static final String MALFORMED_SIGNATURE = PREFIX + "malformed-signature";
    /** 401: the signature does not match the key and the request as the coordinator received it. */
    public static final String BAD_SIGNATURE = PREFIX + "bad-signature";
    /** 401: the timestamp is too far from the coordinator's clock; the detail gives the skew. */
    public static final String STALE = PREFIX + "stale";
    /** 401: this account already sent this nonce within the window. */
    public static final String REPLAYED = PREFIX + "replayed";
    /** 403: the resource belongs to another account. */
    public static final String NOT_OWNER = PREFIX + "not-owner";
    /** 403: only the coordinator's operator may do this. */
    public static final String OPERATOR_ONLY = PREFIX + "operator-only";
    /** 403: the provider is quarantined by the operator and gets no work. */
    public static final String QUARANTINED = PREFIX + "quarantined";
    /** 409: withdrawals are paid on a chain, and this coordinator settles in its own ledger (no {@code --chain-rpc}). */
    public static final String WITHDRAWALS_NEED_CHAIN = PREFIX + "withdrawals-need-chain";
    /** 409: the account has no payout address: set one first (PUT /api/v1/wallet/address). */
    public static final String NO_PAYOUT_ADDRESS = PREFIX + "no-payout-address";
    /** 402 or 409: the balance does not cover what the request moves; the detail names the balance. */
    public static final String INSUFFICIENT_FUNDS = PREFIX + "insufficient-funds";
}
