package site.paywall.payingcustomers.membership;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Where audit lines go. A write either lands completely or throws; nothing is buffered past it. */
public interface AuditSink extends AutoCloseable {
    void write(String line) throws IOException;

    /** "stderr" or the file's path, for messages. */
    String describe();

    @Override
    default void close() {
    }

    /** Appends to a file. On a regular file each line is forced to disk: a power cut after a change keeps its line. */
    static AuditSink file(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
        boolean regular = Files.isRegularFile(path);
        return new AuditSink() {
            @Override
            public void write(String line) throws IOException {
                ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                if (regular) {
                    channel.force(false);
                }
            }

            @Override
            public String describe() {
                return path.toString();
            }

            @Override
            public void close() {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // Every line was already written and forced; closing adds nothing.
                }
            }
        };
    }

    /**
     * Audit lines on stderr, mixed with messages; each line flushed as it is written. {@code beforeEachLine} runs
     * first (it clears a progress line, so that the audit line starts at the beginning of its own line).
     */
    static AuditSink stream(PrintWriter err, Runnable beforeEachLine) {
        return new AuditSink() {
            @Override
            public void write(String line) throws IOException {
                beforeEachLine.run();
                err.println(line);
                err.flush();
                if (err.checkError()) {
                    throw new IOException("stderr cannot be written");
                }
            }

            @Override
            public String describe() {
                return "stderr";
            }
        };
    }
}
