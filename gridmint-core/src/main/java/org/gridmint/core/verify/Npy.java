package org.gridmint.core.verify;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A NumPy .npy file (format versions 1, 2 and 3): the magic, a header that is a Python dict literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }}, then the data. Little-endian float32,
 * float64, int32 and int64 in C order are read (Fortran order only where it is the same bytes: at most one dimension); anything else is refused with a message that says how to save it.
 */
final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private Npy() {}

    /** A file's numbers in C order and its shape (one size per dimension; empty for a scalar). */
    record Array(double[] values, List<Long> shape) {
        /** The length of a row of a 2-D array: each of its rows is one vector (an item's embedding); 0 for other shapes. */
        int rowLength() {
            return shape.size() == 2 ? (int) (long) shape.get(1) : 0;
        }
    }

    static double[] parse(byte[] data) throws MalformedOutputException {
        return read(data).values();
    }

    static Array read(byte[] data) throws MalformedOutputException {
        if (data.length < 10) throw new MalformedOutputException("is " + data.length + " bytes, too short for a .npy file");
        for (int k = 0; k < MAGIC.length; k++)
            if (data[k] != MAGIC[k]) throw new MalformedOutputException("is not a .npy file (it does not start with \\x93NUMPY)");
        int major = data[6] & 0xff;
        var b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = b.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (data.length < 12) throw new MalformedOutputException("is too short for a version " + major + " .npy header");
            headerLen = b.getInt(8) & 0xffffffffL;
            headerStart = 12;
        } else {
            throw new MalformedOutputException("is .npy format version " + major + "; versions 1, 2 and 3 are read");
        }
        if (headerStart + headerLen > data.length)
            throw new MalformedOutputException("declares a " + headerLen + "-byte header but the file is " + data.length + " bytes");
        int dataStart = (int) (headerStart + headerLen);
        var h = new Header(new String(data, headerStart, (int) headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
        h.parse();
        int itemSize = switch (h.descr) {
            case "<f4", "<i4" -> 4;
            case "<f8", "<i8" -> 8;
            default -> throw new MalformedOutputException(unsupported(h.descr));
        };
        if (h.fortran && h.shape.size() >= 2)
            throw new MalformedOutputException("is in Fortran order; save it in C order, e.g. np.save(f, np.ascontiguousarray(a))");
        long count = 1;
        for (long d : h.shape) {
            try {
                count = Math.multiplyExact(count, d);
            } catch (ArithmeticException e) {
                count = Long.MAX_VALUE;
            }
            if (count > NumericOutputs.MAX_VALUES) throw new MalformedOutputException("has shape " + h.shape + ", more than " + NumericOutputs.MAX_VALUES + " values");
        }
        long expected = count * itemSize;
        if (data.length - dataStart != expected)
            throw new MalformedOutputException("has shape " + h.shape + " of " + h.descr + " (" + expected + " bytes of data) but holds "
                    + (data.length - dataStart) + " bytes of data");
        double[] out = new double[(int) count];
        b.position(dataStart);
        for (int k = 0; k < out.length; k++) {
            out[k] = switch (h.descr) {
                case "<f4" -> b.getFloat();
                case "<f8" -> b.getDouble();
                case "<i4" -> b.getInt();
                default -> (double) b.getLong();
            };
        }
        return new Array(out, List.copyOf(h.shape));
    }

    private static String unsupported(String descr) {
        if (descr.startsWith(">")) return "is big-endian ('" + descr + "'); save it little-endian, e.g. a.astype('<" + descr.substring(1) + "')";
        if (descr.contains("O")) return "is an object array ('" + descr + "'), which holds Python objects, not numbers; save a numeric dtype";
        return "has dtype '" + descr + "'; only <f4, <f8, <i4 and <i8 are compared, e.g. save a.astype('<f4')";
    }

    /** The header dict: only the three keys NumPy writes, with the value kinds NumPy writes for them. */
    private static final class Header {
        private final String t;
        private int i;
        String descr;
        Boolean fortranOrder;
        boolean fortran;
        List<Long> shape;

        Header(String t) {
            this.t = t;
        }

        void parse() throws MalformedOutputException {
            expect('{');
            while (true) {
                ws();
                if (peek() == '}') break;
                String key = quoted();
                expect(':');
                ws();
                switch (key) {
                    case "descr" -> {
                        if (peek() != '\'' && peek() != '"')
                            throw bad("has a structured dtype (a list of fields); save a plain numeric array");
                        descr = quoted();
                    }
                    case "fortran_order" -> fortranOrder = bool();
                    case "shape" -> shape = tuple();
                    default -> throw bad("has an unknown header key '" + key + "'");
                }
                ws();
                if (peek() == ',') i++;
                else if (peek() != '}') throw bad("expected ',' or '}' in the header");
            }
            if (descr == null || fortranOrder == null || shape == null) throw bad("lacks descr, fortran_order or shape in its header");
            fortran = fortranOrder;
        }

        private String quoted() throws MalformedOutputException {
            ws();
            char q = peek();
            if (q != '\'' && q != '"') throw bad("expected a quoted string in the header");
            int end = t.indexOf(q, i + 1);
            if (end < 0) throw bad("has an unterminated string in its header");
            String v = t.substring(i + 1, end);
            i = end + 1;
            return v;
        }

        private boolean bool() throws MalformedOutputException {
            if (t.startsWith("True", i)) {
                i += 4;
                return true;
            }
            if (t.startsWith("False", i)) {
                i += 5;
                return false;
            }
            throw bad("expected True or False for fortran_order");
        }

        private List<Long> tuple() throws MalformedOutputException {
            expect('(');
            List<Long> dims = new ArrayList<>();
            while (true) {
                ws();
                if (peek() == ')') {
                    i++;
                    return dims;
                }
                int start = i;
                while (i < t.length() && Character.isDigit(t.charAt(i))) i++;
                if (i == start || i - start > 18) throw bad("has a shape that is not a tuple of sizes");
                dims.add(Long.parseLong(t.substring(start, i)));
                ws();
                if (peek() == ',') i++;
                else if (peek() != ')') throw bad("has a shape that is not a tuple of sizes");
            }
        }

        private void expect(char c) throws MalformedOutputException {
            ws();
            if (peek() != c) throw bad("expected '" + c + "' in the header");
            i++;
        }

        private void ws() {
            while (i < t.length() && Character.isWhitespace(t.charAt(i))) i++;
        }

        private char peek() {
            return i < t.length() ? t.charAt(i) : '\0';
        }

        private MalformedOutputException bad(String why) {
            return new MalformedOutputException(why.startsWith("has") || why.startsWith("lacks") ? why : "has a malformed header: " + why);
        }
    }
}
