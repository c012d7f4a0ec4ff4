package org.gridmint.api;

/** A client creating an API key for the OpenAI-compatible gateway; {@code name} is a label of its choice (1-64 characters). */
public record ApiKeyRequest(String name) {}
