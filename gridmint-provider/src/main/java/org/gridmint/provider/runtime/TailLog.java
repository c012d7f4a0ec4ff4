package org.gridmint.provider.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A log file that keeps at most about {@code cap} bytes, the newest: a task that prints forever must not fill
 * the disk, and the end of a log is where the error is. Writes go to a chunk of half the cap; a full chunk
 * becomes the previous one, so between cap/2 and cap bytes of tail survive. Thread-safe.
 */
final class TailLog {
    private final Path file;
    private final Path current;
    private final Path previous;
    private final long chunk;
    private OutputStream out;
    private long currentSize;
    private long total;
    private boolean rotated;
    private boolean finished;

    TailLog(Path file, long cap) throws IOException {
        this.file = file;
        this.current = file.resolveSibling(file.getFileName() + ".0");
        this.previous = file.resolveSibling(file.getFileName() + ".1");
        this.chunk = Math.max(1, cap / 2);
        this.out = Files.newOutputStream(current);
    }

    synchronized void write(byte[] b, int off, int len) throws IOException {
        if (finished) return;
        while (len > 0) {
            int n = (int) Math.min(len, chunk - currentSize);
            out.write(b, off, n);
            currentSize += n;
            total += n;
            off += n;
            len -= n;
            if (currentSize == chunk) rotate();
        }
    }

    private void rotate() throws IOException {
        out.close();
        Files.move(current, previous, StandardCopyOption.REPLACE_EXISTING);
        out = Files.newOutputStream(current);
        currentSize = 0;
        rotated = true;
    }

    /** Copies {@code in} until its end; returns quietly when the stream breaks (the process was killed). */
    void pump(InputStream in) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) write(buf, 0, n);
        } catch (IOException e) {
            // a closed pipe ends the log like an end of file does
        }
    }

    /** Closes the log and returns the file with the kept tail; later writes are dropped. */
    synchronized Path finish() throws IOException {
        if (finished) return file;
        finished = true;
        out.close();
        if (!rotated) {
            Files.move(current, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
        long kept = chunk + currentSize;
        try (OutputStream o = Files.newOutputStream(file)) {
            o.write(("[gridmint: the first " + (total - kept) + " bytes of this log were dropped; the last " + kept + " follow]\n")
                    .getBytes(StandardCharsets.UTF_8));
            Files.copy(previous, o);
            Files.copy(current, o);
        }
        Files.delete(previous);
        Files.delete(current);
        return file;
    }

    synchronized long totalBytes() {
        return total;
    }
}
