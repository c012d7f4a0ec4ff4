package org.gridmint.api;

import java.util.List;

/** The work handed to a provider by one claim; empty when the wait ran out. */
public record ClaimResponse(List<Assignment> assignments) {}
