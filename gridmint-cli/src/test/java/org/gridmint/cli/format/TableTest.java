package org.gridmint.cli.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void render_padsColumnsToTheWidestCell_andRightAlignsNumbers() {
        String t = Table.of("ID", "COUNT", "NOTE").right(1).row("a", 5, "x").row("bbbb", 1234, null).render();

        assertThat(t).isEqualTo("""
                ID    COUNT  NOTE
                a         5  x
                bbbb   1234  -
                """);
    }

    @Test
    void render_dropsTrailingSpaces_andFillsMissingCells() {
        assertThat(Table.of("A", "B").row("x").render()).isEqualTo("A  B\nx\n");
    }

    @Test
    void row_refusesMoreCellsThanColumns() {
        assertThatThrownBy(() -> Table.of("A").row(1, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 cells");
    }
}
