package org.swarmsync.launcher;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.framework.ServiceReference;

/**
 * {@code java -jar swarmsync.jar COMMAND ARGS...}: starts the embedded framework and runs the
 * command a bundle contributes under that name. The launcher's own work stays tiny on
 * purpose: everything a command does lives in a bundle, so Karaf and embedding applications
 * get the same code.
 */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    /** The conventional exit code after SIGINT (128 + 2). */
    static final int INTERRUPTED = 130;

    private static final long SIGNAL_WAIT_SECONDS = 20;

    private static final String SHELL = "shell";
    private static final String SYNC = "sync";

    private final PrintStream out;
    private final PrintStream err;

    private Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        // Only a sync moves enough data through AES-GCM and SHA-256 to repay their warm-up.
        boolean syncs = args.length > 0 && args[0].equals(SYNC);
        CompilerDirectives.addInBackground(syncs ? CryptoWarmup::runIfWanted : () -> { });
        // Command output owns standard output; whatever else prints (framework and bundle
        // logs) goes to standard error, so that `secret info --json` stays machine-readable.
        PrintStream stdout = System.out;
        boolean shell = args.length > 0 && args[0].equals(SHELL);
        if (!shell) {
            System.setOut(System.err);
        }
        // Ctrl-C interrupts the command, then waits until the framework has stopped.
        Thread worker = Thread.currentThread();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger exitCode = new AtomicInteger(INTERRUPTED);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.interrupt();
            try {
                stopped.await(SIGNAL_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // After Ctrl-C the JVM would exit with 130 whatever the command said; a command
            // that wound down cleanly (a foreground sync) deserves its own exit code.
            Runtime.getRuntime().halt(exitCode.get());
        }, "swarmsync-shutdown"));
        int code;
        try {
            code = new Main(stdout, System.err).run(args);
        } catch (InterruptedException e) {
            code = INTERRUPTED;
        } catch (Throwable t) {
            System.err.println("swarmsync: " + describe(t));
            code = FAILED;
        }
        stdout.flush();
        exitCode.set(code);
        stopped.countDown();
        System.exit(code);
    }

    int run(String[] args) throws Exception {
        if (args.length == 0) {
            err.println("swarmsync: missing command; try 'swarmsync --help'");
            return USAGE;
        }
        String first = args[0];
        if (first.equals("--version") || first.equals("-V")) {
            out.println("swarmsync " + version());
            return OK;
        }
        if (first.startsWith("-") && !first.equals("--help") && !first.equals("-h")) {
            err.println("swarmsync: unknown option '" + first + "'; try 'swarmsync --help'");
            return USAGE;
        }
        try (EmbeddedFramework framework = EmbeddedFramework.start(bundleDir(), first.equals(SHELL), err)) {
            Commands commands = new Commands(framework.context());
            if (first.equals("--help") || first.equals("-h")) {
                printHelp(commands.summaries());
                return OK;
            }
            if (first.equals(SHELL)) {
                return runShell(args, framework);
            }
            Optional<ServiceReference<?>> command = commands.find(first);
            if (command.isEmpty()) {
                err.println("swarmsync: unknown command '" + first + "'; try 'swarmsync --help'");
                return USAGE;
            }
            return commands.run(command.get(), Arrays.copyOfRange(args, 1, args.length), System.in, out, err);
        }
    }

    private int runShell(String[] args, EmbeddedFramework framework) throws InterruptedException {
        if (args.length > 1) {
            err.println("swarmsync: 'shell' takes no arguments");
            return USAGE;
        }
        // The Gogo shell reads the console; its `exit` stops the framework.
        framework.awaitStop();
        return OK;
    }

    private void printHelp(Map<String, String> summaries) {
        out.println("swarmsync " + version() + ": peer-to-peer folder synchronisation");
        out.println();
        out.println("usage: java -jar swarmsync.jar COMMAND [ARGS...]");
        out.println();
        out.println("commands:");
        summaries.forEach((name, summary) -> out.printf("  %-10s %s%n", name, summary));
        out.printf("  %-10s %s%n", SHELL, "an interactive OSGi (Gogo) console; 'exit 0' or Ctrl-D leaves it");
        out.println();
        out.println("options:");
        out.println("  --help     this text");
        out.println("  --version  the version");
    }

    private static Path bundleDir() throws URISyntaxException {
        String configured = System.getProperty("swarmsync.bundles");
        if (configured != null) {
            return Path.of(configured);
        }
        Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.resolveSibling("bundles");
    }

    private static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
