package org.swarmsync.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Set;

import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Tells HotSpot to keep its optimising compiler (C2) for the JDK's ciphers and digests, whose
 * C2 intrinsics use AES-NI, CLMUL and the SHA extensions, and to compile everything else with
 * C1 alone.
 *
 * <p>Why: a sync is mostly a short-lived JVM doing a little of a great many things (the
 * framework, the index, the file system, the session protocol), and C2 compiling all of that
 * took 4-6 CPU seconds in each of two nodes syncing 10,000 small files, as much as the sync
 * itself on a 2-core machine; C1 code for those paths costs less than compiling them with C2
 * ever saves (bench/README.md, "Fourth session"; keeping C2 for our transports and NIO as well
 * made no difference to 1 GiB over µTP). {@code -XX:TieredStopAtLevel=1} would be the
 * blunt form, but it also takes C2's intrinsics from AES-GCM and SHA-256, which then run ten
 * times slower. {@code java -jar} cannot carry JVM options, so the directives are added at
 * run time through the {@code Compiler.directives_add} diagnostic command; a JVM that does not
 * have it (not HotSpot) simply runs as it would.
 *
 * <p>The directives are {@code compiler-directives.json} beside this class; the same file works
 * for Karaf or an application of yours with {@code -XX:+UnlockDiagnosticVMOptions
 * -XX:CompilerDirectivesFile=FILE}. {@code -Dswarmsync.jit.directives=false} leaves the JIT as it is.
 */
final class CompilerDirectives {

    /** The system property that turns the directives off ({@code false}). */
    static final String PROPERTY = "swarmsync.jit.directives";
    static final String RESOURCE = "compiler-directives.json";

    private CompilerDirectives() {
    }

    /**
     * Adds the directives on a background thread, so that the platform MBean server they go
     * through starts beside the framework instead of before it, then runs {@code then} on the
     * same thread (a warm-up, which should find the directives in force). What the JIT compiled
     * until then keeps its code: the first tenths of a second are interpreted and C1 work anyway.
     */
    static void addInBackground(Runnable then) {
        boolean wanted = Boolean.parseBoolean(System.getProperty(PROPERTY, "true"));
        Thread thread = new Thread(() -> {
            if (wanted) {
                try {
                    add();
                } catch (IOException | JMException | RuntimeException e) {
                    // Not HotSpot, or no jdk.management: the JIT runs with its defaults.
                    tell("JIT compiler directives not added: " + e);
                }
            }
            then.run();
        }, "swarmsync-jit");
        thread.setDaemon(true);
        thread.start();
    }

    /** Prints a line about the JIT, worth it only to someone who asked for INFO or finer. */
    static void tell(String line) {
        if (Set.of("INFO", "DEBUG", "TRACE").contains(EmbeddedFramework.logLevel().toUpperCase(Locale.ROOT))) {
            System.err.println("swarmsync: " + line);
        }
    }

    /** @return what the JVM answered, e.g. "2 compiler directives added" */
    static String add() throws IOException, JMException {
        Path file = Files.createTempFile("swarmsync-jit-", ".json");
        try {
            try (InputStream in = CompilerDirectives.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IOException("the launcher jar holds no " + RESOURCE);
                }
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            Object answer = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                    new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
            String text = String.valueOf(answer).strip();
            if (!text.endsWith("added")) {
                throw new IOException("the JVM refused " + RESOURCE + ": " + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
