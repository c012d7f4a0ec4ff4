package org.gridmint.coordinator.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import org.gridmint.coordinator.CoordinatorException;

/**
 * A request's body read once, up to the size limit, and kept on the context: the signature check hashes the
 * bytes that were received, and the handler then parses those same bytes.
 */
final class RequestBody {
    private static final String ATTRIBUTE = "gridmint.body";

    private RequestBody() {}

    static byte[] bytes(Context ctx, long maxBytes) throws IOException {
        byte[] cached = ctx.attribute(ATTRIBUTE);
        if (cached != null) return cached;
        long declared = ctx.contentLength();
        if (declared > maxBytes) throw new CoordinatorException.TooLarge("request body of " + declared + " bytes is over the limit of " + maxBytes);
        byte[] bytes;
        try (InputStream in = ctx.bodyInputStream()) {
            // One byte more than allowed tells a body over the limit from one exactly at it, without a declared length.
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        if (bytes.length > maxBytes) throw new CoordinatorException.TooLarge("request body is over the limit of " + maxBytes + " bytes");
        ctx.attribute(ATTRIBUTE, bytes);
        return bytes;
    }
}
