package org.gridmint.api;

import java.util.List;

/**
 * Every leaf that paid the account, oldest epoch first, and the chain to claim them on. {@code address} is the account's
 * payout address now; each claim names the address its leaf pays, which is an earlier one for what was batched before
 * the address changed.
 */
public record ClaimList(String account, String address, ChainInfo chain, List<ClaimView> claims) {}
