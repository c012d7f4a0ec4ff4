package org.gridmint.core.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridmint.core.spec.Comparison;

/**
 * Compares two results of one task as the job's spec says: digests for an exact comparison, numbers within a tolerance
 * for a numeric one. It never throws on a provider's data: a file that does not parse disagrees, with evidence naming
 * the file and why. It is symmetric: compare(a, b) and compare(b, a) agree and measure the same distances.
 */
public final class Comparator {
    private Comparator() {}

    public static Agreement compare(Comparison c, Outputs a, Outputs b, BlobBytes blobs) {
        if (c == null || a == null || b == null) throw new IllegalArgumentException("a comparison needs its terms and two results");
        if (!a.digests().keySet().equals(b.digests().keySet())) return Agreement.unmeasured(false, fileSets(a, b));
        if (!c.numeric()) return exact(a, b);
        if (blobs == null) throw new IllegalArgumentException("a numeric comparison reads the files' bytes");
        return numeric(c, a, b, blobs);
    }

    private static Agreement exact(Outputs a, Outputs b) {
        List<String> differ = new ArrayList<>();
        for (var e : a.digests().entrySet()) if (!e.getValue().equals(b.digests().get(e.getKey()))) differ.add(e.getKey());
        if (differ.isEmpty()) return Agreement.unmeasured(true, "identical: " + a.digests().size() + " output file(s) with equal SHA-256 digests");
        return Agreement.unmeasured(false, "different bytes (exact comparison) in " + differ.size() + " of " + a.digests().size() + " file(s): "
                + list(differ) + " (e.g. " + differ.getFirst() + ": " + shortSha(a.digests().get(differ.getFirst())) + " vs "
                + shortSha(b.digests().get(differ.getFirst())) + ")");
    }

    private static Agreement numeric(Comparison c, Outputs a, Outputs b, BlobBytes blobs) {
        var m = new Measure(c);
        for (Map.Entry<String, String> e : a.digests().entrySet()) {
            String file = e.getKey();
            String shaA = e.getValue();
            String shaB = b.digests().get(file);
            if (shaA.equals(shaB)) continue; // same bytes: same numbers, even in a file that would not parse
            Npy.Array x;
            Npy.Array y;
            try {
                x = read(c.format(), blobs.read(shaA));
            } catch (MalformedOutputException ex) {
                return m.fail(file + " of the first result " + ex.getMessage());
            }
            try {
                y = read(c.format(), blobs.read(shaB));
            } catch (MalformedOutputException ex) {
                return m.fail(file + " of the second result " + ex.getMessage());
            }
            if (x.values().length != y.values().length)
                return m.fail(file + " holds " + x.values().length + " numbers in one result and " + y.values().length + " in the other");
            if (x.shape() != null && !x.shape().equals(y.shape()))
                return m.fail(file + " has shape " + shape(x) + " in one result and " + shape(y) + " in the other");
            String why = m.file(file, x.values(), y.values(), x.shape() == null ? 0 : x.rowLength());
            if (why != null) return m.fail(why);
        }
        return m.agree(a.digests().size());
    }

    /** The file's numbers, with its shape for .npy (null for the other formats, which have none). */
    private static Npy.Array read(Comparison.Format format, byte[] data) throws MalformedOutputException {
        if (format == Comparison.Format.NPY) return Npy.read(data);
        return new Npy.Array(NumericOutputs.parse(format, data), null);
    }

    /** A shape as NumPy prints it: (2, 384), (3,). */
    private static String shape(Npy.Array a) {
        var dims = a.shape().stream().map(String::valueOf).toList();
        return "(" + String.join(", ", dims) + (dims.size() == 1 ? ",)" : ")");
    }

    /** The running distances over the files compared so far, and the first file that broke the tolerance. */
    private static final class Measure {
        private final Comparison c;
        private double maxAbs;
        private double maxRel;
        private double minCos = 1;
        private String maxAbsAt = "";
        private String minCosAt = "";
        private int compared;

        Measure(Comparison c) {
            this.c = c;
        }

        /**
         * Null when the file is within tolerance, else why not. With {@code rowLength > 0} (a 2-D .npy) the cosine is
         * checked per row, each row one item's vector, so one bad vector among many good ones cannot hide in the file's
         * overall cosine; otherwise over the whole file.
         */
        String file(String file, double[] x, double[] y, int rowLength) {
            compared++;
            String first = null;
            for (int k = 0; k < x.length; k++) {
                double a = x[k];
                double b = y[k];
                if (Double.isNaN(a) && Double.isNaN(b)) continue;
                if (a == b) continue; // equal values, and +-Inf equal only themselves
                double d = Math.abs(a - b); // NaN against a number, or Inf against anything else: +Inf or NaN
                double diff = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
                double scale = Math.max(Math.abs(a), Math.abs(b));
                double rel = scale == 0 ? 0 : diff / scale;
                if (Double.isNaN(rel)) rel = Double.POSITIVE_INFINITY;
                if (diff > maxAbs) {
                    maxAbs = diff;
                    maxAbsAt = file + "[" + k + "]";
                }
                maxRel = Math.max(maxRel, rel);
                // A non-finite value matches only itself, whatever the tolerance (Inf would otherwise allow anything).
                boolean within = Double.isFinite(a) && Double.isFinite(b) && diff <= c.absolute() + c.relative() * scale;
                if (c.elementwise() && first == null && !within)
                    first = file + "[" + k + "] is " + num(a) + " in one result and " + num(b) + " in the other (|Δ| " + num(diff)
                            + " > allowed " + num(c.absolute() + c.relative() * scale) + ")";
            }
            if (first != null) return first;
            if (c.cosine() && rowLength > 0) return rows(file, x, y, rowLength);
            if (c.cosine()) {
                double cos = cosine(x, y, 0, x.length);
                if (cos < minCos) {
                    minCos = cos;
                    minCosAt = file;
                }
                if (!(cos >= c.minCosine())) return file + " has cosine similarity " + num(cos) + " < required " + num(c.minCosine());
            }
            return null;
        }

        /** Every row's cosine; null when each reaches the minimum, else the worst row's, e.g. "row 17: cosine 0.12 < 0.9999". */
        private String rows(String file, double[] x, double[] y, int rowLength) {
            int rows = x.length / rowLength;
            double worst = 1;
            int worstRow = -1;
            for (int r = 0; r < rows; r++) {
                double cos = cosine(x, y, r * rowLength, (r + 1) * rowLength);
                if (worstRow < 0 || cos < worst) {
                    worst = cos;
                    worstRow = r;
                }
            }
            if (worstRow < 0) return null;
            if (worst < minCos) {
                minCos = worst;
                minCosAt = file + " row " + worstRow;
            }
            if (!(worst >= c.minCosine()))
                return file + " row " + worstRow + ": cosine " + num(worst) + " < " + num(c.minCosine()) + " (the least of its " + rows + " rows, one per item)";
            return null;
        }

        Agreement fail(String why) {
            return new Agreement(false, "disagree (" + c.describe() + "): " + why + distances(), maxAbs, maxRel, minCos);
        }

        Agreement agree(int files) {
            String same = compared < files ? "; " + (files - compared) + " file(s) byte-identical" : "";
            return new Agreement(true, "agree within tolerance (" + c.describe() + "): " + compared + " file(s) compared" + same + distances(),
                    maxAbs, maxRel, minCos);
        }

        private String distances() {
            if (compared == 0) return "";
            String s = "; max |Δ| " + num(maxAbs) + (maxAbsAt.isEmpty() ? "" : " at " + maxAbsAt) + ", max relative Δ " + num(maxRel);
            return c.cosine() && !minCosAt.isEmpty() ? s + ", min cosine " + num(minCos) + " (" + minCosAt + ")" : s;
        }
    }

    /**
     * Cosine similarity over the positions where both values are finite; positions equal but not finite (NaN with NaN,
     * Inf with the same Inf) count as agreeing and are left out. Scaled by the largest magnitude first, so huge values
     * do not overflow the dot product. Two all-zero vectors are the same vector: 1.
     */
    static double cosine(double[] x, double[] y) {
        return cosine(x, y, 0, x.length);
    }

    /** {@link #cosine(double[], double[])} of the positions {@code [from, to)} of both: one row of a 2-D array. */
    static double cosine(double[] x, double[] y, int from, int to) {
        double scale = 0;
        boolean same = true;
        for (int k = from; k < to; k++) {
            same &= x[k] == y[k] || (Double.isNaN(x[k]) && Double.isNaN(y[k]));
            if (Double.isFinite(x[k]) && Double.isFinite(y[k])) scale = Math.max(scale, Math.max(Math.abs(x[k]), Math.abs(y[k])));
            else if (!(x[k] == y[k] || (Double.isNaN(x[k]) && Double.isNaN(y[k])))) return 0; // a non-finite mismatch: no similarity
        }
        if (same || scale == 0) return 1; // rounding must not fail equal vectors against a cosine of 1
        double dot = 0;
        double nx = 0;
        double ny = 0;
        for (int k = from; k < to; k++) {
            if (!(Double.isFinite(x[k]) && Double.isFinite(y[k]))) continue;
            double a = x[k] / scale;
            double b = y[k] / scale;
            dot += a * b;
            nx += a * a;
            ny += b * b;
        }
        if (nx == 0 || ny == 0) return nx == ny ? 1 : 0;
        double cos = dot / (Math.sqrt(nx) * Math.sqrt(ny));
        return Math.max(-1, Math.min(1, cos));
    }

    private static String fileSets(Outputs a, Outputs b) {
        List<String> onlyA = new ArrayList<>(a.digests().keySet());
        onlyA.removeAll(b.digests().keySet());
        List<String> onlyB = new ArrayList<>(b.digests().keySet());
        onlyB.removeAll(a.digests().keySet());
        return "different output files: only in the first result " + list(onlyA) + ", only in the second " + list(onlyB);
    }

    private static String list(List<String> names) {
        if (names.isEmpty()) return "(none)";
        return names.size() <= 5 ? String.join(", ", names) : String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
    }

    private static String shortSha(String sha) {
        return sha.substring(0, 12) + "…";
    }

    /** Six significant digits without trailing zeros: 2.5, 2.501e-05, 0.999990. */
    static String num(double v) {
        if (!Double.isFinite(v)) return Double.toString(v);
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }
}
