package org.gridmint.api;

/**
 * A provider asking for work: up to {@code maxTasks} assignments, waiting up to {@code waitMillis} for them
 * (a long poll; 0 answers at once).
 */
public record ClaimRequest(int maxTasks, long waitMillis) {}
