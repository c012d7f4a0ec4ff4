package org.gridmint.sim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.gridmint.core.spec.VerifySpec;
import org.gridmint.sim.scenario.Scenario.Cheaters;

/** Reads a scenario's {@code providers.cheaters} and {@code jobs.verify} blocks, naming each bad field as the rest of the reader does. */
final class VerifyReader {
    private VerifyReader() {}

    /**
     * {@code none}, {@code adaptive}, {@code {replicas: 3, quorum: 2}}, {@code {spotCheck: 0.05}} or {@code {policy: adaptive}},
     * as a job spec's {@code verify}. Outputs are not files here, so the spec's {@code compare} block has no meaning and is refused.
     */
    static VerifySpec verify(Fields f, JsonNode n) {
        if (n == null || n.isNull()) return VerifySpec.NONE;
        if (n.isTextual()) return policy(f, n.asText().strip(), n);
        JsonNode m = f.mapping(n, "jobs.verify", Set.of("policy", "replicas", "quorum", "spotCheck"));
        if (m == null) return VerifySpec.NONE;
        boolean replicas = m.has("replicas") || m.has("quorum");
        boolean spot = m.has("spotCheck");
        if (m.has("policy")) {
            if (replicas || spot) f.error("jobs.verify.policy", "give either a policy or replicas/spotCheck, not both");
            return policy(f, f.text(m.get("policy"), "jobs.verify.policy", "none"), m.get("policy"));
        }
        if (replicas && spot) {
            f.error("jobs.verify", "give either replicas (and quorum) or spotCheck, not both");
            return VerifySpec.NONE;
        }
        if (spot) {
            double rate = f.number(m.get("spotCheck"), "jobs.verify.spotCheck", Double.MIN_VALUE, 1, 0.05);
            return new VerifySpec(VerifySpec.Policy.SPOT_CHECK, 1, 1, rate, org.gridmint.core.spec.Comparison.EXACT);
        }
        if (!replicas) {
            f.error("jobs.verify", "must be none, adaptive, {replicas: 3, quorum: 2} or {spotCheck: 0.05}");
            return VerifySpec.NONE;
        }
        int k = f.integer(f.required(m, "jobs.verify", "replicas"), "jobs.verify.replicas", 2, 10, 2L).intValue();
        int q = f.integer(m.get("quorum"), "jobs.verify.quorum", 1, k, (long) (k / 2 + 1)).intValue();
        return new VerifySpec(VerifySpec.Policy.REPLICAS, k, q, 0, org.gridmint.core.spec.Comparison.EXACT);
    }

    private static VerifySpec policy(Fields f, String name, JsonNode n) {
        return switch (name) {
            case "none" -> VerifySpec.NONE;
            case "adaptive" -> VerifySpec.ADAPTIVE;
            default -> {
                f.error("jobs.verify", "must be none, adaptive, {replicas: 3, quorum: 2} or {spotCheck: 0.05}, was " + Fields.show(n));
                yield VerifySpec.NONE;
            }
        };
    }

    /** {@code {fraction: 0.2, behaviour: always}} or {@code {fraction: 0.2, behaviour: intermittent, rate: 0.1, honestFirst: 20, collude: false}}. */
    static Cheaters cheaters(Fields f, JsonNode n) {
        JsonNode m = f.mapping(n, "providers.cheaters", Set.of("fraction", "behaviour", "rate", "honestFirst", "collude"));
        if (m == null) return Cheaters.NONE;
        double fraction = f.number(f.required(m, "providers.cheaters", "fraction"), "providers.cheaters.fraction", 0, 1, 0.0);
        String b = f.text(m.get("behaviour"), "providers.cheaters.behaviour", "always");
        Cheaters.Behaviour behaviour = switch (b) {
            case "always" -> Cheaters.Behaviour.ALWAYS;
            case "intermittent" -> Cheaters.Behaviour.INTERMITTENT;
            default -> {
                f.error("providers.cheaters.behaviour", "must be always or intermittent, was \"" + b + "\"");
                yield Cheaters.Behaviour.ALWAYS;
            }
        };
        boolean intermittent = behaviour == Cheaters.Behaviour.INTERMITTENT;
        if (!intermittent && (m.has("rate") || m.has("honestFirst")))
            f.error("providers.cheaters", "rate and honestFirst apply to behaviour: intermittent only; an always cheater is wrong every time");
        double rate = intermittent ? f.number(m.get("rate"), "providers.cheaters.rate", Double.MIN_VALUE, 1, 0.1) : 1;
        int honestFirst = intermittent ? f.integer(m.get("honestFirst"), "providers.cheaters.honestFirst", 0, 1_000_000, 20L).intValue() : 0;
        JsonNode c = m.get("collude");
        if (c != null && !c.isBoolean()) f.error("providers.cheaters.collude", "must be true or false, was " + Fields.show(c));
        return new Cheaters(fraction, behaviour, rate, honestFirst, c != null && c.isBoolean() && c.asBoolean());
    }
}
