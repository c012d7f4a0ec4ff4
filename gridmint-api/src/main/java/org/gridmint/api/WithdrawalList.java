package org.gridmint.api;

import java.util.List;

/** The caller's withdrawals, newest first. */
public record WithdrawalList(String account, List<WithdrawalView> withdrawals) {}
