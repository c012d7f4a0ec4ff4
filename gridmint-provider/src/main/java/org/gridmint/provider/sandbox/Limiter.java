package org.gridmint.provider.sandbox;

import java.io.IOException;

/** Applies {@link ResourceLimits} to one run by one mechanism of the host; see {@link Limiters#detect()}. */
public interface Limiter {

    /** The mechanism, for logs and the {@code --help} of operators: "cgroup v2", "cgroup v1", "prlimit", "none". */
    String kind();

    /** The mechanism and what it covers, in one line. */
    String describe();

    LimitScope open(String id, ResourceLimits limits) throws IOException;
}
