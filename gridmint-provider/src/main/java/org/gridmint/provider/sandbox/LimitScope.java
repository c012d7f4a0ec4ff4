package org.gridmint.provider.sandbox;

import java.util.List;

/** The limits of one run: a command prefix that applies them, and cleanup afterwards. */
public interface LimitScope extends AutoCloseable {
    LimitScope NONE = new LimitScope() {
        @Override
        public List<String> prefix() {
            return List.of();
        }

        @Override
        public void killAll() {}

        @Override
        public void close() {}
    };

    /** Put in front of the command line; the limits then hold for the whole process tree. */
    List<String> prefix();

    /** Kills every process still in the scope, also those that escaped the process tree (double forks). */
    void killAll();

    /** Releases the scope (removes its cgroup); kills what is left first. */
    @Override
    void close();
}
