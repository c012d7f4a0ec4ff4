package org.gridmint.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.coordinator.store.StoreFixtures.job;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.gridmint.core.ids.JobId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A committed SQLite transaction survives the sudden death of its process: a child JVM commits, then halts
 * without closing the store (no shutdown hooks, no checkpoint, the WAL left as it is), as kill -9 would.
 */
class SqliteCrashTest {
    private static final String COMMITTED = "committed job-crash";

    @TempDir
    Path dataDir;

    @Test
    void committedTransaction_survivesTheProcessDyingWithoutClose() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(java, "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-cp", classpath,
                CommitThenHalt.class.getName(), dataDir.toString()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("child exited").isTrue();
        assertThat(child.exitValue()).as(output).isEqualTo(137);
        assertThat(output).contains(COMMITTED);
        assertThat(dataDir.resolve(JdbcStore.SQLITE_FILE + "-wal")).as("the WAL was left behind, as after kill -9").exists();

        try (Store store = JdbcStore.sqlite(dataDir)) {
            assertThat(store.inTransaction((StoreTx tx) -> tx.job(JobId.of("job-crash")))).isPresent();
            assertThat(store.inTransaction((StoreTx tx) -> tx.tasks(JobId.of("job-crash")))).hasSize(3);
        }
    }

    /** The child: commits one job, says so, and dies at once. */
    static final class CommitThenHalt {
        public static void main(String[] args) {
            Store store = JdbcStore.sqlite(Path.of(args[0]));
            JobRecord job = job("job-crash");
            store.inTransaction(tx -> {
                tx.insertJob(job, StoreFixtures.tasks(job));
                return null;
            });
            System.out.println(COMMITTED);
            System.out.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
