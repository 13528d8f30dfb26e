package org.swarmsync.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child process (a launcher, a libtorrent peer) whose output lines are collected as they
 * come, so a test can wait for a line, and which is always killed when the test ends.
 */
final class Processes implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final BlockingQueue<String> fresh = new LinkedBlockingQueue<>();
    private final String name;
    private final Thread reader;

    private Processes(String name, Process process) {
        this.name = name;
        this.process = process;
        reader = new Thread(this::pump, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Sends a signal to the process, e.g. {@code STOP} to freeze it with its sockets open and
     * {@code CONT} to let it go on.
     */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Starts a command with standard error merged into standard output. */
    static Processes start(String name, Path workDir, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        return new Processes(name, builder.start());
    }

    /** The packaged launcher, run as users run it. */
    static List<String> launcher(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("swarmsync.jar", "../launcher/target/swarmsync.jar")));
        command.addAll(List.of(args));
        return command;
    }

    /** The libtorrent harness, run by Debian's python, which has python3-libtorrent. */
    static List<String> libtorrent(String... args) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3",
                Path.of(System.getProperty("swarmsync.python.dir", "src/test/python"), "lt_peer.py").toString()));
        command.addAll(List.of(args));
        return command;
    }

    private void pump() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (lines) {
                    lines.add(line);
                }
                fresh.add(line);
            }
        } catch (IOException e) {
            // The process died; exitCode() and output() tell the test.
        }
    }

    /** Waits for a line matching the predicate, failing with the output so far after the timeout. */
    String awaitLine(Predicate<String> wanted, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? fresh.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError(name + ": no expected line within " + timeoutSeconds + " s; output:\n" + output());
            }
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** Writes a line to the process's standard input, as someone typing at its console would. */
    void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Waits for the process to exit and returns its exit code. */
    int exitCode(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not exit within " + timeoutSeconds + " s; output:\n" + output());
        }
        return process.exitValue();
    }

    /**
     * Waits for the process to exit and asserts its exit code, with its whole output (read to
     * the end, the reader may lag behind the exit) as the message.
     */
    void assertExitsWith(int expected, long timeoutSeconds) throws InterruptedException {
        int code = exitCode(timeoutSeconds);
        reader.join(TimeUnit.SECONDS.toMillis(5));
        if (code != expected) {
            throw new AssertionError(name + " exited with " + code + ", not " + expected + "; output:\n" + output());
        }
    }

    /** Kills the process with SIGKILL, as a crash or a power cut would, and waits for it. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
