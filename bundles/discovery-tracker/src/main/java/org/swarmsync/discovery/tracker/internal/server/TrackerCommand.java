package org.swarmsync.discovery.tracker.internal.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import org.osgi.service.component.annotations.Component;
import org.swarmsync.api.command.LauncherCommand;
import org.swarmsync.discovery.tracker.internal.wire.Drop;

/**
 * {@code tracker [--port PORT] [--bind ADDR] [--ttl SECONDS]}: runs a tracker server in the
 * foreground until interrupted (Ctrl-C in the launcher), then exits 0.
 */
@Component(property = {
        LauncherCommand.NAME + "=tracker",
        LauncherCommand.SUMMARY + "=tracker [--port 3000] [--bind ADDR] [--ttl SECONDS]: run a BSYNC UDP tracker"
})
public final class TrackerCommand implements LauncherCommand {

    static final String USAGE_LINE = "usage: swarmsync tracker [--port PORT] [--bind ADDR] [--ttl SECONDS]";
    static final int DEFAULT_PORT = 3000;

    @Override
    public int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        InetSocketAddress bind;
        ServerLimits limits = ServerLimits.DEFAULTS;
        try {
            String address = "0.0.0.0";
            int port = DEFAULT_PORT;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                switch (option) {
                    case "--port" -> port = number(option, value(args, ++i, option), 0, 65_535);
                    case "--bind" -> address = value(args, ++i, option);
                    case "--ttl" -> limits = limits.withTtlSeconds(number(option, value(args, ++i, option), 1,
                            Integer.MAX_VALUE));
                    default -> throw new UsageException("unknown argument '" + option + "'; " + USAGE_LINE);
                }
            }
            bind = new InetSocketAddress(ipv4(address), port);
        } catch (UsageException e) {
            err.println("swarmsync tracker: " + e.getMessage());
            return USAGE;
        }
        TrackerServer server;
        try {
            server = TrackerServer.start(bind, limits);
        } catch (IOException e) {
            err.println("swarmsync tracker: cannot listen on " + bind.getAddress().getHostAddress() + ":"
                    + bind.getPort() + ": " + e.getMessage());
            return FAILED;
        }
        try (server) {
            InetSocketAddress local = server.localAddress();
            out.println("tracker listening on " + local.getAddress().getHostAddress() + ":" + local.getPort()
                    + " (udp)");
            out.flush();
            awaitInterrupt();
            ServerMetrics m = server.metrics();
            out.println("tracker stopped: " + m.answered() + " requests answered, " + m.totalDropped()
                    + " datagrams dropped (" + m.dropped(Drop.RATE_LIMITED) + " rate limited)");
            return OK;
        }
    }

    private static void awaitInterrupt() {
        try {
            while (true) {
                Thread.sleep(Long.MAX_VALUE);
            }
        } catch (InterruptedException e) {
            // Ctrl-C: the launcher interrupts us; stopping is the expected outcome, so the flag is consumed.
        }
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value; " + USAGE_LINE);
        }
        return args[i];
    }

    private static int number(String option, String text, int min, int max) throws UsageException {
        try {
            int v = Integer.parseInt(text);
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " expects a number in [" + min + ", " + max + "], got '" + text
                    + "'; " + USAGE_LINE);
        }
    }

    private static InetAddress ipv4(String text) throws UsageException {
        try {
            InetAddress a = InetAddress.getByName(text);
            if (a.getAddress().length != 4) {
                throw new UsageException("--bind needs an IPv4 address (the wire format is IPv4), got '" + text
                        + "'; " + USAGE_LINE);
            }
            return a;
        } catch (UnknownHostException e) {
            throw new UsageException("--bind: unknown host '" + text + "'; " + USAGE_LINE);
        }
    }

    /** A mistake in the command line: one line on standard error, exit code 2. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
