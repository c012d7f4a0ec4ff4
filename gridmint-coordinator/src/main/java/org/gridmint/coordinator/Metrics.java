package org.gridmint.coordinator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.gridmint.core.lifecycle.AttemptReason;

/** The coordinator's Prometheus metrics, served at {@code /metrics}: work handed out, finished, failed and lost. */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter jobsSubmitted = Counter.builder("gridmint_jobs_submitted").description("Jobs accepted").register(registry);
    private final Counter tasksAssigned = Counter.builder("gridmint_tasks_assigned").description("Attempts handed to providers").register(registry);
    private final Counter tasksSucceeded = Counter.builder("gridmint_attempts_succeeded").description("Attempts that completed").register(registry);
    private final Counter slashes = Counter.builder("gridmint_slashes").description("Providers slashed for a result that lost a verdict")
            .register(registry);
    private final Timer claims = Timer.builder("gridmint_claim_seconds").description("Time to answer a claim, long-poll wait included")
            .register(registry);

    private final Timer gatewayLatency = Timer.builder("gridmint_gateway_seconds").description("Time to answer a gateway request, every outcome")
            .publishPercentileHistogram().register(registry);

    public void jobSubmitted() {
        jobsSubmitted.increment();
    }

    public void assigned(int n) {
        tasksAssigned.increment(n);
    }

    public void succeeded() {
        tasksSucceeded.increment();
    }

    /** An attempt that ended other than by succeeding, by its reason (PROVIDER_LOST for expired leases). */
    public void ended(AttemptReason reason) {
        Counter.builder("gridmint_attempts_ended").description("Attempts that ended without success, by reason")
                .tag("reason", reason.name()).register(registry).increment();
    }

    /** A verification verdict, by outcome (ACCEPTED, NO_QUORUM). */
    public void verdict(String outcome) {
        Counter.builder("gridmint_verdicts").description("Verification verdicts on tasks' results, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    /** A provider slashed because its result lost a verdict. */
    public void slashed() {
        slashes.increment();
    }

    /** One {@code /v1/embeddings} request, by outcome ({@code ok} or its OpenAI error code or type), and how long it took. */
    public void gateway(String outcome, long nanos) {
        Counter.builder("gridmint_gateway_requests").description("OpenAI-compatible gateway requests, by outcome")
                .tag("outcome", outcome).register(registry).increment();
        gatewayLatency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public Timer claims() {
        return claims;
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }
}
