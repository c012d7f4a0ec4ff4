package org.gridmint.core.lifecycle;

/** The result of offering an event to a lifecycle: it moved, or it was rejected with a reason. */
public sealed interface Transition<S> {
    S from();

    /** The new state; throws {@link IllegalTransitionException} when rejected. */
    S orThrow();

    record Moved<S>(S from, S to) implements Transition<S> {
        @Override
        public S orThrow() {
            return to;
        }
    }

    record Rejected<S>(S from, String event, String reason) implements Transition<S> {
        @Override
        public S orThrow() {
            throw new IllegalTransitionException(reason);
        }
    }
}
