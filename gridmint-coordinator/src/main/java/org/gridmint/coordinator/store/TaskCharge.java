package org.gridmint.coordinator.store;

import java.time.Instant;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.money.Credits;

/** What one succeeded task was charged, by which attempt on which provider: the detail behind its PAY and FEE. */
public record TaskCharge(TaskId task, AttemptId attempt, ProviderId provider, String providerOwner, long runtimeMillis, Credits price,
                         Credits gross, Credits fee, Credits net, Instant at) {}
