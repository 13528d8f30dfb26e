package org.swarmsync.sync.internal.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * This process's umask, as Linux (4.7 and later) shows it in {@code /proc/self/status}: with it,
 * the puller knows which bits a file it creates ends up with, and skips the {@code chmod} when
 * they already are the wanted ones (one journaled inode change less per file placed). Java has
 * no call that changes the umask, so the value read once holds for the JVM's life; where it
 * cannot be read, every placement sets its bits as before.
 */
final class ProcessUmask {

    private static final OptionalInt VALUE = read(Path.of("/proc/self/status"));

    private ProcessUmask() {
    }

    /** @return the umask, or empty if this system does not tell */
    static OptionalInt get() {
        return VALUE;
    }

    /** @return the {@code Umask:} line's octal value in a {@code /proc/PID/status} file, or empty */
    static OptionalInt read(Path status) {
        List<String> lines;
        try {
            lines = Files.readAllLines(status, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
        for (String line : lines) {
            if (line.startsWith("Umask:")) {
                try {
                    int value = Integer.parseInt(line.substring("Umask:".length()).strip(), 8);
                    return value >= 0 && value <= 0777 ? OptionalInt.of(value) : OptionalInt.empty();
                } catch (NumberFormatException e) {
                    return OptionalInt.empty();
                }
            }
        }
        return OptionalInt.empty();
    }
}
