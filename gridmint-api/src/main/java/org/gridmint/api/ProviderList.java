package org.gridmint.api;

import java.util.List;

/** Every registered provider. */
public record ProviderList(List<ProviderView> providers) {}
