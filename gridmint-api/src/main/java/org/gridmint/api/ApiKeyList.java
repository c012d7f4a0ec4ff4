package org.gridmint.api;

import java.util.List;

/** The API keys of one account, newest first, secrets left out. */
public record ApiKeyList(List<ApiKeyView> keys) {}
