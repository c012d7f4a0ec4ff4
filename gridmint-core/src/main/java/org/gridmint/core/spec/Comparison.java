package org.gridmint.core.spec;

/**
 * How two results of one task are compared (a spec's {@code verify.compare} block, validated): byte-exact digests, or
 * the numbers of the output files within a tolerance, because honest floating point differs between GPUs.
 *
 * @param format how output files are read; {@link Format#EXACT} compares digests and takes no tolerance
 * @param absolute elementwise tolerance: {@code |a-b| <= absolute + relative * max(|a|,|b|)}
 * @param relative elementwise tolerance, see {@code absolute}
 * @param minCosine the least cosine similarity each output file's vectors must reach (each row of a 2-D .npy, one
 *     vector per item, as an embed job writes; each whole file otherwise); 0 means not checked
 */
public record Comparison(Format format, double absolute, double relative, double minCosine) {
    /** The default: digests of all output files must be equal. */
    public static final Comparison EXACT = new Comparison(Format.EXACT, 0, 0, 0);
    /** numpy.allclose's defaults, used for a numeric format when the spec names no tolerance. */
    public static final double DEFAULT_RELATIVE = 1e-5;
    public static final double DEFAULT_ABSOLUTE = 1e-8;

    /** How output files are read for comparison. */
    public enum Format {
        /** SHA-256 digests of the files, byte for byte. */
        EXACT("exact"),
        /** Every number of a JSON document, in document order (keys and strings are not numbers). */
        JSON("json"),
        /** A raw array of little-endian IEEE-754 float32. */
        F32LE("f32le"),
        /** A NumPy .npy file: little-endian {@code <f4 <f8 <i4 <i8}, C order. */
        NPY("npy");

        private final String wire;

        Format(String wire) {
            this.wire = wire;
        }

        /** The name a spec uses: exact, json, f32le, npy. */
        public String wire() {
            return wire;
        }

        /** The format a spec names, ignoring case; null when none has that name. */
        public static Format fromWire(String s) {
            for (Format f : values()) if (f.wire.equalsIgnoreCase(s)) return f;
            return null;
        }
    }

    public Comparison {
        if (format == null) throw new IllegalArgumentException("a comparison has a format");
        if (!(absolute >= 0 && Double.isFinite(absolute))) throw new IllegalArgumentException("absolute tolerance must be finite and >= 0, was " + absolute);
        if (!(relative >= 0 && Double.isFinite(relative))) throw new IllegalArgumentException("relative tolerance must be finite and >= 0, was " + relative);
        if (!(minCosine >= 0 && minCosine <= 1)) throw new IllegalArgumentException("minimum cosine must be in [0, 1] (0 = unused), was " + minCosine);
        if (format == Format.EXACT && (absolute != 0 || relative != 0 || minCosine != 0))
            throw new IllegalArgumentException("an exact comparison takes no tolerance");
    }

    /** A numeric comparison with numpy.allclose's default tolerances. */
    public static Comparison numeric(Format format) {
        return new Comparison(format, DEFAULT_ABSOLUTE, DEFAULT_RELATIVE, 0);
    }

    public boolean numeric() {
        return format != Format.EXACT;
    }

    /**
     * Whether values are compared one by one. A spec that names only a cosine asks for a per-vector check and
     * no elementwise one; every other numeric comparison checks elements (with zero tolerance: equal values).
     */
    public boolean elementwise() {
        return numeric() && !(minCosine > 0 && absolute == 0 && relative == 0);
    }

    public boolean cosine() {
        return minCosine > 0;
    }

    /** The comparison in a spec's words, e.g. {@code npy, relative 1e-05, absolute 1e-08}. */
    public String describe() {
        if (!numeric()) return "exact (digests of the output files)";
        StringBuilder b = new StringBuilder(format.wire());
        if (elementwise()) b.append(", relative ").append(relative).append(", absolute ").append(absolute);
        if (cosine()) b.append(", cosine >= ").append(minCosine);
        return b.toString();
    }
}
