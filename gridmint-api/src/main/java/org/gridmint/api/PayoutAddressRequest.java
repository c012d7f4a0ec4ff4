package org.gridmint.api;

/** Sets where an account is paid on-chain: its epoch earnings, its withdrawals and its GRID rewards. @param address 0x and 40 hex digits */
public record PayoutAddressRequest(String address) {}
