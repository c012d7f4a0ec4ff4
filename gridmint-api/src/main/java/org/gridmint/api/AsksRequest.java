package org.gridmint.api;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Changes some of a provider's asks without re-registering it; the classes left out keep their asks.
 *
 * @param asks credits per hour per resource class: {@code cpu} per core-hour, {@code gpu:MODEL} per GPU-hour, where MODEL
 *     is one of the provider's GPU models or a part of exactly one ({@code gpu:T4} for a Tesla T4)
 */
public record AsksRequest(Map<String, BigDecimal> asks) {}
