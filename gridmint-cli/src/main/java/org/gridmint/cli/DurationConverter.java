package org.gridmint.cli;

import java.time.Duration;
import org.gridmint.core.spec.Durations;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as specs write them ({@code 5s}, {@code 500ms}, {@code 2m}); every duration flag uses it. */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** Parses {@code value}, or fails the way picocli reports a bad flag value. */
    public static Duration parse(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
