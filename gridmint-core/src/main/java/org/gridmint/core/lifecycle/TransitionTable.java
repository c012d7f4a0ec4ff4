package org.gridmint.core.lifecycle;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every legal {@code (state, event kind) -> state} of one lifecycle, and nothing else. Event kinds are
 * enum constants so the table can be listed, tested row by row, and printed in docs.
 *
 * @param <S> the states
 * @param <K> the event kinds
 */
public final class TransitionTable<S extends Enum<S>, K extends Enum<K>> {
    private final String lifecycle;
    private final Map<S, Map<K, S>> rows;

    private TransitionTable(String lifecycle, Map<S, Map<K, S>> rows) {
        this.lifecycle = lifecycle;
        this.rows = rows;
    }

    public static <S extends Enum<S>, K extends Enum<K>> Builder<S, K> builder(String lifecycle, Class<S> states) {
        return new Builder<>(lifecycle, states);
    }

    /** Applies {@code event} to {@code from}: the new state, or a rejection that says why. */
    public Transition<S> apply(S from, K event) {
        S to = rows.getOrDefault(from, Map.of()).get(event);
        if (to == null) return new Transition.Rejected<>(from, event.name(), lifecycle + " in state " + from + " does not accept " + event);
        return new Transition.Moved<>(from, to);
    }

    public Optional<S> target(S from, K event) {
        return Optional.ofNullable(rows.getOrDefault(from, Map.of()).get(event));
    }

    /** Every legal row, for tests and docs. */
    public Map<S, Map<K, S>> rows() {
        return Collections.unmodifiableMap(rows);
    }

    public Set<K> acceptedIn(S state) {
        return rows.getOrDefault(state, Map.of()).keySet();
    }

    public String lifecycle() {
        return lifecycle;
    }

    /** Builds a table one row at a time; a row given twice is a programming error. */
    public static final class Builder<S extends Enum<S>, K extends Enum<K>> {
        private final String lifecycle;
        private final Class<S> states;
        private final Map<S, Map<K, S>> rows;

        private Builder(String lifecycle, Class<S> states) {
            this.lifecycle = lifecycle;
            this.states = states;
            this.rows = new EnumMap<>(states);
        }

        @SafeVarargs
        public final Builder<S, K> on(K event, S to, S... from) {
            for (S f : from) {
                var row = rows.computeIfAbsent(f, k -> new HashMap<>());
                if (row.putIfAbsent(event, to) != null)
                    throw new IllegalStateException(lifecycle + ": row (" + f + ", " + event + ") given twice");
            }
            return this;
        }

        public TransitionTable<S, K> build() {
            Map<S, Map<K, S>> frozen = new EnumMap<>(states);
            rows.forEach((k, v) -> frozen.put(k, Map.copyOf(v)));
            return new TransitionTable<>(lifecycle, frozen);
        }
    }
}
