package org.gridmint.api;

import java.math.BigDecimal;

/**
 * An embedding model a provider serves.
 *
 * @param name the catalog name, e.g. {@code all-minilm-l6-v2-q}
 * @param device {@code cpu} or {@code cuda}: where the provider runs it
 * @param dimensions the length of its vectors
 * @param tokenPrice the provider's price for online requests, in credits per million tokens
 */
public record ModelOffer(String name, String device, int dimensions, BigDecimal tokenPrice) {}
