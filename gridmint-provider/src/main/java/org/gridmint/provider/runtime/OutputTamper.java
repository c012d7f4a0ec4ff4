package org.gridmint.provider.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.gridmint.api.Assignment;

/**
 * A test-only hook that may rewrite a finished task's output files in place before they are hashed and uploaded;
 * the agent's fault injection is the only one besides {@link #NONE}.
 */
@FunctionalInterface
public interface OutputTamper {
    /** Leaves every output as the command wrote it: what every honest agent uses. */
    OutputTamper NONE = (assignment, files) -> {};

    /**
     * Called once per completed attempt, after the outputs were found and before any is uploaded.
     *
     * @param files output name (relative, with '/') to its file in the work dir
     * @throws IOException when a file cannot be rewritten; the attempt then fails as a runtime error
     */
    void beforeUpload(Assignment assignment, Map<String, Path> files) throws IOException;
}
