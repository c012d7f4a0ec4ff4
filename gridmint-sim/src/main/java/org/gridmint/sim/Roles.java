package org.gridmint.sim;

import java.util.SplittableRandom;
import org.gridmint.core.verify.Trust;
import org.gridmint.sim.scenario.Scenario;

/**
 * Which slots of the fleet cheat and which the network trusts from the start: exactly round(fraction × count) of each
 * (trusted ones never cheat), drawn from the seed, so every run of a scenario (each policy, the yardsticks) has the same
 * cheaters. A replaced machine's new identity keeps its slot's role, but not its record.
 */
final class Roles {
    private static final byte HONEST = 0;
    private static final byte CHEATER = 1;
    private static final byte TRUSTED = 2;

    private final Scenario scenario;
    private final byte[] bySlot;

    private Roles(Scenario scenario, byte[] bySlot) {
        this.scenario = scenario;
        this.bySlot = bySlot;
    }

    static Roles of(Scenario s) {
        int n = s.providers().count();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        SplittableRandom r = Streams.of(s.seed(), Streams.ROLES, 0);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int x = order[i];
            order[i] = order[j];
            order[j] = x;
        }
        byte[] roles = new byte[n];
        int cheaters = (int) Math.round(s.providers().cheaters().fraction() * n);
        int trusted = Math.min(n - cheaters, (int) Math.round(s.providers().trusted() * n));
        for (int i = 0; i < cheaters; i++) roles[order[i]] = CHEATER;
        for (int i = cheaters; i < cheaters + trusted; i++) roles[order[i]] = TRUSTED;
        return new Roles(s, roles);
    }

    /** Gives {@code p} its slot's role; true if it is a cheater (with a stream of its own for its choices). */
    boolean join(SimProvider p) {
        switch (bySlot[p.slot]) {
            case CHEATER -> {
                p.cheats = scenario.providers().cheaters();
                p.cheatRandom = Streams.of(scenario.seed(), Streams.CHEATS, ((long) p.slot << 20) + p.generation);
                return true;
            }
            case TRUSTED -> p.trust = new Trust(Trust.THRESHOLD, Trust.THRESHOLD, 0);
            default -> { }
        }
        return false;
    }
}
