package org.gridmint.core.ids;

import java.util.regex.Pattern;

/** Checks and builds the string form of Gridmint's identifiers: a prefix, a dash, and 1–64 safe characters. */
public final class Ids {
    private static final Pattern BODY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private Ids() {}

    static String check(String prefix, String value) {
        if (value == null || !value.startsWith(prefix + "-") || !BODY.matcher(value.substring(prefix.length() + 1)).matches()) {
            throw new IllegalArgumentException("not a " + prefix + " id: '" + value + "' (expected " + prefix + "-<1-64 of A-Z a-z 0-9 _ . ->)");
        }
        return value;
    }

    /** True when {@code value} is a well-formed id with this prefix. */
    public static boolean isValid(String prefix, String value) {
        try {
            check(prefix, value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
