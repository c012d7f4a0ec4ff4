package org.gridmint.cli.format;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** A plain-text table: a header row, columns padded to their widest cell, two spaces apart; numbers right-aligned on request. */
public final class Table {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final BitSet right = new BitSet();

    private Table(List<String> headers) {
        this.headers = headers;
    }

    public static Table of(String... headers) {
        return new Table(List.of(headers));
    }

    /** Right-aligns these columns (0-based). */
    public Table right(int... columns) {
        for (int c : columns) right.set(c);
        return this;
    }

    /** Adds a row; null cells print as "-", missing trailing cells as empty. */
    public Table row(Object... cells) {
        if (cells.length > headers.size()) throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + headers.size() + " columns");
        List<String> r = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) r.add(i >= cells.length ? "" : cells[i] == null ? "-" : String.valueOf(cells[i]));
        rows.add(r);
        return this;
    }

    public int size() {
        return rows.size();
    }

    /** The table, one line per row after the header, each ending in a newline. */
    public String render() {
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) width[i] = headers.get(i).length();
        for (List<String> r : rows) for (int i = 0; i < width.length; i++) width[i] = Math.max(width[i], r.get(i).length());
        StringBuilder b = new StringBuilder();
        line(b, headers, width);
        for (List<String> r : rows) line(b, r, width);
        return b.toString();
    }

    private void line(StringBuilder b, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            if (i > 0) l.append("  ");
            String c = cells.get(i);
            String pad = " ".repeat(width[i] - c.length());
            l.append(right.get(i) ? pad + c : c + pad);
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }

    @Override
    public String toString() {
        return render();
    }
}
