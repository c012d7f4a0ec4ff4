package org.gridmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.gridmint.api.auth.Identity;
import org.gridmint.client.fake.FakeCoordinator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientOptionsTest {
    private final FakeCoordinator fake = new FakeCoordinator();
    @org.junit.jupiter.api.io.TempDir Path tmp;

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
    void requestsAreSignedWithTheKeyInDataDir_elseInGridmintHome_createdOnFirstUse() {
        Path flagDir = tmp.resolve("flag");
        Path homeDir = tmp.resolve("home");

        Cli.Result flag = Cli.run(Map.of("GRIDMINT_HOME", homeDir.toString()), "job", "list", "--coordinator", fake.url().toString(),
                "--data-dir", flagDir.toString());
        Cli.Result home = Cli.run(Map.of("GRIDMINT_HOME", homeDir.toString()), "job", "list", "--coordinator", fake.url().toString());
        Cli.run(Map.of("GRIDMINT_HOME", homeDir.toString()), "providers", "--coordinator", fake.url().toString());

        assertThat(flag.exit()).isZero();
        assertThat(home.exit()).isZero();
        String flagAccount = Identity.loadOrCreate(flagDir).account().value();
        String homeAccount = Identity.loadOrCreate(homeDir).account().value();
        assertThat(flagAccount).isNotEqualTo(homeAccount);
        assertThat(fake.requests()).extracting(FakeCoordinator.Request::account).containsExactly(flagAccount, homeAccount, homeAccount);
        assertThat(Cli.run(Map.of("GRIDMINT_HOME", homeDir.toString()), "keys", "show").firstLine()).as("the same rule as keys show")
                .isEqualTo(homeAccount);
    }

    @Test
    void unusableDataDir_isAnErrorNamingIt() throws Exception {
        Path file = java.nio.file.Files.writeString(tmp.resolve("not-a-dir"), "x");

        Cli.Result r = Cli.run(Map.of(), "job", "list", "--coordinator", fake.url().toString(), "--data-dir", file.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: ").contains(file.toString());
        assertThat(fake.requests()).isEmpty();
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
