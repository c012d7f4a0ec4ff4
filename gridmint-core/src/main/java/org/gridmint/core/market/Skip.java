package org.gridmint.core.market;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;

/** Why a provider that fits a task did not get it, for {@code gridmint providers} to show; {@link #text()} says it in words. */
public sealed interface Skip {
    /** The task it was skipped for. */
    TaskId task();

    /** The reason in words. */
    String text();

    /** Another provider's expected cost per hour (ask × speed ÷ reliability) was lower. */
    record Dearer(TaskId task, ProviderId chosen, double chosenMicrosPerHour, double hereMicrosPerHour) implements Skip {
        @Override
        public String text() {
            return chosen + " offered " + perHour(chosenMicrosPerHour) + "/h expected vs " + perHour(hereMicrosPerHour) + "/h here";
        }
    }

    /** It already had tasks of the same job in this plan, and another provider within the spread tolerance had fewer. */
    record Spread(TaskId task, ProviderId chosen, int alreadyHere) implements Skip {
        @Override
        public String text() {
            return "spreading " + task.job() + ": " + alreadyHere + " of its tasks already planned here, " + task + " went to " + chosen;
        }
    }

    /** It failed this task last, and another healthy provider fits. */
    record FailedItLast(TaskId task) implements Skip {
        @Override
        public String text() {
            return "it failed " + task + " last; another provider fits";
        }
    }

    /** The task may not run here: it ran the task already, shares an owner with one that did, or is not trusted for it. */
    record Excluded(TaskId task) implements Skip {
        @Override
        public String text() {
            return "not eligible for " + task + ": it ran it already, shares an owner with a provider that did, or is not trusted for it";
        }
    }

    /** Every slot it has is taken, by work it holds or by this plan. */
    record NoFreeSlot(TaskId task) implements Skip {
        @Override
        public String text() {
            return "no free slot for " + task;
        }
    }

    /** It is not {@link Health#HEALTHY}. */
    record Unhealthy(TaskId task, Health health, Duration silence, Instant quarantinedUntil) implements Skip {
        @Override
        public String text() {
            return switch (health) {
                case QUARANTINED -> quarantinedUntil == null ? "quarantined" : "quarantined until " + quarantinedUntil;
                case HEALTHY -> "healthy";
                case DRAINING -> "draining: its owner asked it to hand its work back and stop";
                default -> health.name().toLowerCase(java.util.Locale.ROOT) + ": no heartbeat for " + seconds(silence);
            };
        }
    }

    /** Micro-credits per hour as credits to three significant digits: enough to compare, short enough to read. */
    private static String perHour(double micros) {
        return new BigDecimal(Math.round(micros)).movePointLeft(6).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + "s";
    }
}
