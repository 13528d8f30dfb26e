package org.swarmsync.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One run of the packaged launcher in its own JVM, as a user would start it. */
record LauncherRun(int exitCode, String stdout, String stderr) {

    private static final long TIMEOUT_SECONDS = 60;

    static LauncherRun withInput(String stdin, String... args) throws IOException, InterruptedException {
        return withOptions(List.of(), stdin, args);
    }

    /**
     * @param jvmOptions options before {@code -jar}; without a {@code swarmsync.felix.cache}
     *        among them the run uses a cache under {@code target/}, never the user's
     */
    static LauncherRun withOptions(List<String> jvmOptions, String stdin, String... args)
            throws IOException, InterruptedException {
        Process process = start(jvmOptions, args);
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("launcher did not exit within " + TIMEOUT_SECONDS + " s: " + List.of(args));
        }
        return new LauncherRun(process.exitValue(), out.join(), err.join());
    }

    /** Starts the launcher; the caller owns the process and its streams. */
    static Process start(List<String> jvmOptions, String... args) throws IOException {
        Path jar = jar();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (jvmOptions.stream().noneMatch(o -> o.startsWith("-D" + CacheSlot.PROPERTY + "="))) {
            command.add("-D" + CacheSlot.PROPERTY + "=" + jar.resolveSibling("it-felix-cache"));
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    static Path jar() {
        return Path.of(System.getProperty("swarmsync.jar", "target/swarmsync.jar")).toAbsolutePath();
    }

    static LauncherRun of(String... args) throws IOException, InterruptedException {
        return withInput("", args);
    }

    static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                stream.transferTo(bytes);
                return bytes.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    List<String> stderrLines() {
        return stderr.lines().toList();
    }
}
