package org.gridmint.core.market;

import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.money.Credits;

/**
 * One task placed on one provider by a {@link Plan}.
 *
 * @param expectedCost what the client is expected to pay for it there, retries included: ask × expected duration ×
 *     speed ÷ reliability, rounded up to a micro-credit. An estimate for ranking and display, never for billing.
 */
public record Assignment(TaskId task, ProviderId provider, Credits expectedCost) {}
