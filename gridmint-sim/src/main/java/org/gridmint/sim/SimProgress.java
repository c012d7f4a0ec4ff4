package org.gridmint.sim;

/** Hears how far the runs of a simulation are, for a progress bar; called on the simulating thread. */
public interface SimProgress {
    /** A run starts: {@code label} names it, {@code tasks} is how many tasks it will end. */
    void started(String label, long tasks);

    /** {@code ended} of its tasks have ended (succeeded or failed for good). */
    void advanced(long ended);

    /** The run is over. */
    void finished();

    SimProgress NONE = new SimProgress() {
        @Override
        public void started(String label, long tasks) {}

        @Override
        public void advanced(long ended) {}

        @Override
        public void finished() {}
    };
}
