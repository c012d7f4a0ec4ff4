package org.gridmint.provider.testing;

import java.util.List;

/** Finds live processes by a unique marker in their arguments, to check that nothing outlives a task. */
public final class Processes {
    private Processes() {}

    /** A number that no other process on the machine is likely to carry, e.g. as a sleep duration. */
    public static String marker() {
        return "9" + (100 + (System.nanoTime() % 800)) + "." + (1000 + (System.nanoTime() / 7 % 8000));
    }

    public static List<ProcessHandle> withArgument(String marker) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(marker)).orElse(false)).toList();
    }
}
