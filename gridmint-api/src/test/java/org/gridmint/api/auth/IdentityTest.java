package org.gridmint.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityTest {
    @TempDir
    Path dir;

    @Test
    void loadOrCreate_createsAnOwnerOnlyKey_andReadsTheSameOneBack() throws Exception {
        Identity first = Identity.loadOrCreate(dir.resolve("client"));
        Path file = dir.resolve("client").resolve(Identity.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Identity again = Identity.loadOrCreate(dir.resolve("client"));
        assertThat(again.account()).isEqualTo(first.account());
        assertThat(again.keys().getPublic()).isEqualTo(first.keys().getPublic());
        assertThat(first.account().value()).matches("acct-[a-z2-7]{32}");
        try (var files = Files.list(dir.resolve("client"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(Identity.FILE);
        }
    }

    @Test
    void loadOrCreate_racingProcessesAgreeOnOneKey() throws Exception {
        List<Future<Identity>> made = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) made.add(pool.submit(() -> Identity.loadOrCreate(dir.resolve("shared"))));
        }
        var accounts = new HashSet<>();
        for (Future<Identity> f : made) accounts.add(f.get().account());
        assertThat(accounts).hasSize(1);
    }

    @Test
    void accountOf_isDerivedFromThePublicKey() {
        Identity a = Identity.generate();
        Identity b = Identity.generate();
        assertThat(Identity.accountOf(a.keys().getPublic())).isEqualTo(a.account());
        assertThat(a.account()).isNotEqualTo(b.account());
        assertThat(Identity.accountOf(Identity.parsePublicKey(a.publicKeyText()))).isEqualTo(a.account());
    }

    @Test
    void corruptKeyFile_isACleanError() throws Exception {
        Files.createDirectories(dir.resolve("bad"));
        Files.writeString(dir.resolve("bad").resolve(Identity.FILE), "public=AAAA\nprivate=BBBB\n");
        assertThatThrownBy(() -> Identity.loadOrCreate(dir.resolve("bad"))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot read or create the identity")
                .cause().hasMessageContaining("does not hold a valid Ed25519 key pair");
        // A corrupt key is never silently replaced by a new one: that would change the account.
        assertThat(Files.readString(dir.resolve("bad").resolve(Identity.FILE))).isEqualTo("public=AAAA\nprivate=BBBB\n");
    }

    @Test
    void parsePublicKey_rejectsGarbage() {
        assertThatThrownBy(() -> Identity.parsePublicKey("not-a-key")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an Ed25519 public key");
    }
}
