package org.gridmint.coordinator;

import java.security.SecureRandom;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;

/** New random identifiers: the prefix, then 16 characters of base-32 (80 bits). */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private Ids() {}

    public static JobId job() {
        return new JobId(JobId.PREFIX + "-" + random());
    }

    public static AttemptId attempt() {
        return new AttemptId(AttemptId.PREFIX + "-" + random());
    }

    public static ProviderId provider() {
        return new ProviderId(ProviderId.PREFIX + "-" + random());
    }

    /** A verdict's id ({@code vrd-…}): verdicts have no domain id type, only this text, which slashes reference. */
    public static String verdict() {
        return "vrd-" + random();
    }

    /** An unbonding's id (and its UNSTAKE posting's reference). */
    public static String unbonding() {
        return "unb-" + random();
    }

    /** An API key's id ({@code key-…}): not its secret, which is random apart. */
    public static String apiKey() {
        return "key-" + random();
    }

    /** A gateway usage record's id ({@code use-…}), also its INFERENCE postings' reference. */
    public static String usage() {
        return "use-" + random();
    }

    private static String random() {
        char[] c = new char[16];
        for (int i = 0; i < c.length; i++) c[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        return new String(c);
    }
}
