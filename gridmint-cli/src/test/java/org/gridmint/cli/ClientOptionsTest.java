package org.gridmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.gridmint.client.fake.FakeCoordinator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientOptionsTest {
    private final FakeCoordinator fake = new FakeCoordinator();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void coordinator_comesFromTheEnvironment_whenNotGiven() {
        Cli.Result r = Cli.run(Map.of("GRIDMINT_COORDINATOR", fake.url().toString()), "job", "list");

        assertThat(r.exit()).isZero();
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void coordinatorFlag_winsOverTheEnvironment() {
        Cli.Result r = Cli.run(Map.of("GRIDMINT_COORDINATOR", "http://127.0.0.1:1"), "job", "list", "--coordinator", fake.url().toString());

        assertThat(r.exit()).isZero();
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void account_isTheFlag_elseTheEnvironment_elseTheOsUser() {
        Cli.run(Map.of("GRIDMINT_ACCOUNT", "bob"), "job", "list", "--coordinator", fake.url().toString(), "--account", "carol");
        Cli.run(Map.of("GRIDMINT_ACCOUNT", "bob"), "job", "list", "--coordinator", fake.url().toString());
        Cli.run(Map.of(), "job", "list", "--coordinator", fake.url().toString());

        assertThat(fake.requests()).extracting(FakeCoordinator.Request::account).containsExactly("carol", "bob", "tester");
    }

    @Test
    void badCoordinatorUrl_isAUsageError_namingWhereItCameFrom() {
        Cli.Result flag = Cli.run(Map.of(), "job", "list", "--coordinator", "ftp://somewhere");
        Cli.Result env = Cli.run(Map.of("GRIDMINT_COORDINATOR", "localhost:7070"), "providers");

        assertThat(flag.exit()).isEqualTo(2);
        assertThat(flag.err()).contains("ftp://somewhere").contains("--coordinator").contains("http(s)://HOST[:PORT]");
        assertThat(env.exit()).isEqualTo(2);
        assertThat(env.err()).contains("$GRIDMINT_COORDINATOR");
    }
}
