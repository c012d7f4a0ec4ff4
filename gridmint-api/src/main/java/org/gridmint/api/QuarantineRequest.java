package org.gridmint.api;

/**
 * The optional body of the operator's quarantine call.
 *
 * @param reason shown with the provider and in its refused claims; at most 500 characters, may be null
 */
public record QuarantineRequest(String reason) {}
