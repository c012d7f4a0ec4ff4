package org.gridmint.sim;

import java.util.Collections;
import java.util.PriorityQueue;

/** The median of a growing set of numbers in O(log n) per addition: a max-heap of the lower half, a min-heap of the upper. */
final class RunningMedian {
    private final PriorityQueue<Long> low = new PriorityQueue<>(Collections.reverseOrder());
    private final PriorityQueue<Long> high = new PriorityQueue<>();

    void add(long x) {
        if (low.isEmpty() || x <= low.peek()) low.add(x);
        else high.add(x);
        if (low.size() > high.size() + 1) high.add(low.poll());
        else if (high.size() > low.size()) low.add(high.poll());
    }

    int size() {
        return low.size() + high.size();
    }

    /** The median, the lower of the two middle values for an even count; 0 when empty. */
    long median() {
        return low.isEmpty() ? 0 : low.peek();
    }
}
