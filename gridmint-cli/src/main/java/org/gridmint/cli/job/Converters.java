package org.gridmint.cli.job;

import java.time.Duration;
import org.gridmint.core.ids.JobId;
import org.gridmint.cli.DurationConverter;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parameter converters that reject bad input at parse time with a message naming the value. */
final class Converters {
    private Converters() {}

    /** A job id such as {@code job-01HF…}, checked locally so that a typo never reaches the coordinator. */
    static final class JobIdText implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return JobId.of(value.strip()).value();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A poll interval such as {@code 500ms} or {@code 2s}, between 10 ms and 10 minutes. */
    static final class PollInterval implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = DurationConverter.parse(value);
            if (d.toMillis() < 10 || d.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new TypeConversionException("'" + value + "' is not between 10ms and 10m");
            }
            return d;
        }
    }

    /** How long a watch waits out an unreachable coordinator: from 0 (not at all) to a day. */
    static final class Patience implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = DurationConverter.parse(value);
            if (d.isNegative() || d.compareTo(Duration.ofDays(1)) > 0) throw new TypeConversionException("'" + value + "' is not between 0s and 1d");
            return d;
        }
    }
}
