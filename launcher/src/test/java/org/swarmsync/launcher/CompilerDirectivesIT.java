package org.swarmsync.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

/**
 * The packaged launcher adds its JIT compiler directives to its own JVM, as a user starts it
 * (no JVM options), and leaves the JIT alone when told to. Read from outside the JVM, with
 * the JDK's {@code jcmd}, while a launcher shell waits for input.
 */
public class CompilerDirectivesIT {

    private static final long WAIT_MILLIS = 30_000;

    @Test
    public void aLauncherStartedPlainlyKeepsC2ForTheCiphersAndExcludesItElsewhere() throws Exception {
        String printed = directivesOfARunningShell(List.of());
        assertTrue(printed, printed.contains("com/sun/crypto/provider/*.*"));
        assertTrue(printed, printed.contains("sun/security/provider/*.*"));
        // The catch-all directive after them (not the JVM's own default, printed last): C2 excluded.
        int catchAll = printed.indexOf("matching: *.*");
        assertTrue(printed, catchAll > 0 && catchAll < printed.indexOf("Directive: (default)"));
        String c2 = printed.substring(printed.indexOf("c2 directives:", catchAll), printed.indexOf("Directive:", catchAll));
        assertTrue(c2, c2.contains(" Exclude:true "));
    }

    @Test
    public void thePropertyFalseLeavesTheJitAsItIs() throws Exception {
        String printed = directivesOfARunningShell(List.of("-D" + CompilerDirectives.PROPERTY + "=false"));
        assertFalse(printed, printed.contains("com/sun/crypto/provider"));
    }

    @Test
    public void theDirectivesFileIsOneTheJvmAccepts() throws Exception {
        assertEquals("2 compiler directives added", CompilerDirectives.add());
    }

    /** @return what {@code jcmd PID Compiler.directives_print} says, once the launcher added its directives or gave up */
    private static String directivesOfARunningShell(List<String> options) throws IOException, InterruptedException {
        Process shell = LauncherRun.start(options, "shell");
        CompletableFuture<String> out = LauncherRun.drain(shell.getInputStream());
        CompletableFuture<String> err = LauncherRun.drain(shell.getErrorStream());
        try {
            long deadline = System.currentTimeMillis() + WAIT_MILLIS;
            String printed = "";
            // The directives are added on a thread of their own beside the start: ask until they
            // are there, or, where none are expected, until the JVM has been up for five seconds.
            while (System.currentTimeMillis() < deadline && !printed.contains("com/sun/crypto/provider")) {
                printed = jcmd(shell.pid(), "Compiler.directives_print");
                if (options.isEmpty()) {
                    Thread.sleep(100);
                } else if (uptimeSeconds(shell.pid()) > 5) {
                    break; // five seconds up and nothing added: nothing will be
                }
            }
            return printed;
        } finally {
            shell.getOutputStream().close(); // end of input: the shell leaves
            if (!shell.waitFor(20, TimeUnit.SECONDS)) {
                shell.destroyForcibly();
            }
            out.join();
            err.join();
        }
    }

    /** @return the JVM's uptime, or 0 while it cannot answer yet */
    private static double uptimeSeconds(long pid) throws IOException, InterruptedException {
        String[] lines = jcmd(pid, "VM.uptime").strip().split("\n");
        String last = lines[lines.length - 1].strip();
        return last.matches("[0-9.]+ s") ? Double.parseDouble(last.substring(0, last.length() - 2)) : 0;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        assertTrue("the JDK running the tests has jcmd: " + jcmd, Files.isExecutable(jcmd));
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
                .start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return text;
    }
}
