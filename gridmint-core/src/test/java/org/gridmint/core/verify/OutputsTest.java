package org.gridmint.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputsTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @Test
    void digest_isSha256OfNameNulShaNewline_inNameOrder() {
        String expected = Blobs.sha256(("x.json\0" + A + "\ny.bin\0" + B + "\n").getBytes(StandardCharsets.UTF_8));

        assertThat(Outputs.of(Map.of("y.bin", B, "x.json", A)).digest()).isEqualTo(expected);
    }

    @Test
    void digest_tellsApartResultsThatMoveAFileOrSwapContents() {
        var one = Outputs.of(Map.of("x", A, "y", B));

        assertThat(one.digest()).isNotEqualTo(Outputs.of(Map.of("x", B, "y", A)).digest());
        assertThat(one.digest()).isNotEqualTo(Outputs.of(Map.of("x", A)).digest());
        assertThat(Outputs.of(Map.of()).digest()).isEqualTo(Blobs.sha256(new byte[0]));
    }

    @Test
    void badNamesOrDigests_areRefused() {
        assertThatThrownBy(() -> Outputs.of(Map.of("x", "ABC"))).hasMessage("output 'x' needs a lower-case hex SHA-256, was 'ABC'");
        assertThatThrownBy(() -> Outputs.of(Map.of("a\nb", A))).hasMessageContaining("without NUL or newline");
        assertThatThrownBy(() -> new Outputs(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void digests_cannotBeChangedAfterwards() {
        var map = new java.util.TreeMap<>(Map.of("x", A));
        var o = new Outputs(map);
        map.put("y", B);

        assertThat(o.digests()).containsOnlyKeys("x");
        assertThatThrownBy(() -> o.digests().put("z", A)).isInstanceOf(UnsupportedOperationException.class);
    }
}
