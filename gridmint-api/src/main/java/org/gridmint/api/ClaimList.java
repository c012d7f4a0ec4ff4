package org.gridmint.api;

import java.util.List;

/** Everything an account's payout address may claim, oldest epoch first, and the chain to claim it on. */
public record ClaimList(String account, String address, ChainInfo chain, List<ClaimView> claims) {}
