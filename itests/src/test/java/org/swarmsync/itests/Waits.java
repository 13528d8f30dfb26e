package org.swarmsync.itests;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Bounded waits for the tests that watch a node change over time. */
final class Waits {

    private Waits() {
    }

    /**
     * Polls a condition until it holds, failing after the timeout with a description of the
     * state then (the supplier is asked only on failure).
     */
    static void until(String what, long timeoutSeconds, Callable<Boolean> condition, Supplier<String> state)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeoutSeconds + " s: " + what + "\n" + state.get());
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** Waits until every folder's tree equals {@code expected} by content hash, then asserts it. */
    static void untilTrees(Map<String, String> expected, long timeoutSeconds, Supplier<String> state, Path... dirs)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            boolean all = true;
            for (Path dir : dirs) {
                all &= Trees.fingerprint(dir).equals(expected);
            }
            if (all || System.nanoTime() > deadline) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        for (Path dir : dirs) {
            assertEquals(dir + " differs from the source\n" + state.get(), expected, Trees.fingerprint(dir));
        }
    }

    /** @return the bytes in a folder's temporary (in-flight) files; sparse files count their length */
    static long partialBytes(Path folder) throws IOException {
        Path tmpDir = folder.resolve(".sync/tmp");
        if (!Files.isDirectory(tmpDir)) {
            return 0;
        }
        long total = 0;
        try (var files = Files.list(tmpDir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                try {
                    total += Files.size(p);
                } catch (IOException gone) {
                    // renamed into place meanwhile
                }
            }
        }
        return total;
    }
}
