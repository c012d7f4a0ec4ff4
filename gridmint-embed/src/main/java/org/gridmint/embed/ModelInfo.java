package org.gridmint.embed;

/**
 * A sentence-embedding model this build can serve.
 *
 * @param name the name specs and API requests use, e.g. {@code all-minilm-l6-v2-q}
 * @param description one line for people
 * @param dimensions the length of each vector
 * @param weights {@code int8} or {@code fp32}
 * @param maxTokens the longest input the model reads; longer inputs are truncated to it
 */
public record ModelInfo(String name, String description, int dimensions, String weights, int maxTokens) {}
