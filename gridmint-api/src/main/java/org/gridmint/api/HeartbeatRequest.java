package org.gridmint.api;

/** A provider saying it still runs an attempt, with free-text progress (may be null). */
public record HeartbeatRequest(String providerId, String progress) {}
