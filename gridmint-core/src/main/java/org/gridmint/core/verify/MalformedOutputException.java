package org.gridmint.core.verify;

/** An output file that does not parse in the format its job's spec declared; the message says where and why. */
public final class MalformedOutputException extends Exception {
    public MalformedOutputException(String message) {
        super(message);
    }
}
