package org.gridmint.chain;

import java.util.HexFormat;
import java.util.Locale;

/** Hex helpers for addresses and 32-byte words, with errors that name the field. */
final class Hex {
    private static final HexFormat HEX = HexFormat.of();

    private Hex() {}

    static String encode(byte[] bytes) {
        return "0x" + HEX.formatHex(bytes);
    }

    static byte[] decode(String field, String hex) {
        if (hex == null) throw new IllegalArgumentException(field + " is required");
        String h = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (h.length() % 2 != 0 || !h.matches("[0-9a-fA-F]*")) throw new IllegalArgumentException(field + " is not hex: '" + hex + "'");
        return HEX.parseHex(h);
    }

    /** A 0x address in lower case; anything else is an error naming {@code field}. */
    static String address(String field, String address) {
        if (address == null || !address.matches("0[xX][0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException(field + " is not a 0x address of 40 hex digits: '" + address + "'");
        }
        return "0x" + address.substring(2).toLowerCase(Locale.ROOT);
    }

    static byte[] word(String field, byte[] bytes) {
        if (bytes == null || bytes.length != 32) throw new IllegalArgumentException(field + " must be 32 bytes");
        return bytes;
    }
}
