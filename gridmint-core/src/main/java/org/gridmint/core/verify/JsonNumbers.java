package org.gridmint.core.verify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Every number of a JSON document in document order, with the document checked against the JSON grammar (RFC 8259).
 * Keys and strings are skipped, even when they look like numbers. NaN, Infinity and -Infinity are read too, because
 * Python's json module writes them by default and float outputs come from Python more often than not.
 */
final class JsonNumbers {
    private final byte[] s;
    private int i;
    private double[] out = new double[16];
    private int n;

    private JsonNumbers(byte[] s) {
        this.s = s;
    }

    static double[] parse(byte[] data) throws MalformedOutputException {
        var p = new JsonNumbers(data);
        p.document();
        return Arrays.copyOf(p.out, p.n);
    }

    /** An explicit stack instead of recursion, so deeply nested input cannot overflow the coordinator's stack. */
    private void document() throws MalformedOutputException {
        if (s.length >= 3 && (s[0] & 0xff) == 0xEF && (s[1] & 0xff) == 0xBB && (s[2] & 0xff) == 0xBF) i = 3;
        var stack = new ArrayDeque<Character>();
        value(stack);
        while (!stack.isEmpty()) {
            ws();
            char open = stack.peek();
            if (peek() == ',') {
                i++;
                if (open == '{') member();
                value(stack);
            } else if (peek() == (open == '{' ? '}' : ']')) {
                i++;
                stack.pop();
            } else {
                throw bad("expected ',' or '" + (open == '{' ? '}' : ']') + "'");
            }
        }
        ws();
        if (i != s.length) throw bad("unexpected text after the document");
    }

    /** One value; an opened array or object is pushed and its first element read here, the rest by {@link #document}. */
    private void value(ArrayDeque<Character> stack) throws MalformedOutputException {
        while (true) {
            ws();
            int c = peek();
            if (c == '{' || c == '[') {
                if (stack.size() >= 10_000) throw bad("nested more than 10000 deep");
                i++;
                ws();
                int close = c == '{' ? '}' : ']';
                if (peek() == close) {
                    i++;
                    return;
                }
                stack.push((char) c);
                if (c == '{') member();
                continue; // read the first element
            }
            if (c == '"') string();
            else if (c == 't') literal("true");
            else if (c == 'f') literal("false");
            else if (c == 'n') literal("null");
            else if (c == 'N') add(literal("NaN", Double.NaN));
            else if (c == 'I') add(literal("Infinity", Double.POSITIVE_INFINITY));
            else if (c == '-' && i + 1 < s.length && s[i + 1] == 'I') {
                i++;
                add(literal("Infinity", Double.NEGATIVE_INFINITY));
            } else if (c == '-' || (c >= '0' && c <= '9')) number();
            else throw bad(c < 0 ? "unexpected end of the document" : "unexpected character '" + (char) c + "'");
            return;
        }
    }

    /** A key and its colon; the value follows. */
    private void member() throws MalformedOutputException {
        ws();
        if (peek() != '"') throw bad("expected a key in quotes");
        string();
        ws();
        if (peek() != ':') throw bad("expected ':' after a key");
        i++;
    }

    private void string() throws MalformedOutputException {
        int start = i++;
        while (i < s.length) {
            int c = s[i] & 0xff;
            if (c == '"') {
                i++;
                return;
            }
            if (c < 0x20) throw bad("control character in a string");
            if (c == '\\') {
                if (i + 1 >= s.length) break;
                int e = s[i + 1];
                if (e == 'u') {
                    for (int k = 2; k < 6; k++)
                        if (i + k >= s.length || Character.digit(s[i + k], 16) < 0) throw bad("bad \\u escape");
                    i += 6;
                    continue;
                }
                if ("\"\\/bfnrt".indexOf(e) < 0) throw bad("bad escape '\\" + (char) e + "'");
                i += 2;
                continue;
            }
            i++;
        }
        i = start;
        throw bad("unterminated string");
    }

    private void number() throws MalformedOutputException {
        int start = i;
        if (peek() == '-') i++;
        if (peek() == '0') i++;
        else if (!digits()) throw bad("a number needs digits");
        if (peek() == '.') {
            i++;
            if (!digits()) throw bad("a number needs digits after '.'");
        }
        if (peek() == 'e' || peek() == 'E') {
            i++;
            if (peek() == '+' || peek() == '-') i++;
            if (!digits()) throw bad("a number needs digits in its exponent");
        }
        add(Double.parseDouble(new String(s, start, i - start, StandardCharsets.US_ASCII)));
    }

    private boolean digits() {
        int start = i;
        while (i < s.length && s[i] >= '0' && s[i] <= '9') i++;
        return i > start;
    }

    private void literal(String word) throws MalformedOutputException {
        literal(word, 0);
    }

    private double literal(String word, double v) throws MalformedOutputException {
        for (int k = 0; k < word.length(); k++)
            if (i + k >= s.length || s[i + k] != word.charAt(k)) throw bad("unknown word (expected " + word + ")");
        i += word.length();
        return v;
    }

    private void add(double v) throws MalformedOutputException {
        if (n == NumericOutputs.MAX_VALUES) throw bad("more than " + NumericOutputs.MAX_VALUES + " numbers");
        if (n == out.length) out = Arrays.copyOf(out, Math.min(NumericOutputs.MAX_VALUES, out.length * 2));
        out[n++] = v;
    }

    private void ws() {
        while (i < s.length && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
    }

    private int peek() {
        return i < s.length ? s[i] & 0xff : -1;
    }

    private MalformedOutputException bad(String why) {
        return new MalformedOutputException("is not valid JSON at byte " + i + ": " + why);
    }
}
