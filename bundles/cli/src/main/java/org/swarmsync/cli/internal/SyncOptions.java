package org.swarmsync.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of {@code sync}.
 *
 * @param dir the folder
 * @param secret the folder's secret, or empty to make a new one
 * @param listenPort the port to listen on, or empty for any free one
 * @param peers known hosts, HOST:PORT
 * @param trackers trackers, HOST:PORT
 * @param lan whether LAN discovery may be used
 */
record SyncOptions(Path dir, Optional<String> secret, Optional<Integer> listenPort, List<String> peers,
        List<String> trackers, boolean lan) {

    static final String USAGE = "usage: swarmsync sync DIR [--secret S] [--listen PORT] [--peer HOST:PORT]... "
            + "[--tracker HOST:PORT]... [--no-lan]";

    static SyncOptions parse(String[] args) throws UsageException {
        Path dir = null;
        String secret = null;
        Integer port = null;
        List<String> peers = new ArrayList<>();
        List<String> trackers = new ArrayList<>();
        boolean lan = true;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--no-lan" -> lan = false;
                case "--secret" -> secret = value(args, ++i, arg);
                case "--listen" -> port = port(value(args, ++i, arg));
                case "--peer" -> peers.add(hostPort(value(args, ++i, arg), arg));
                case "--tracker" -> trackers.add(hostPort(value(args, ++i, arg), arg));
                default -> {
                    if (arg.startsWith("--")) {
                        throw new UsageException("unknown option " + arg + "; " + USAGE);
                    }
                    if (dir != null) {
                        throw new UsageException("one DIR only; " + USAGE);
                    }
                    dir = Path.of(arg);
                }
            }
        }
        if (dir == null) {
            throw new UsageException("missing DIR; " + USAGE);
        }
        return new SyncOptions(dir.toAbsolutePath().normalize(), Optional.ofNullable(secret),
                Optional.ofNullable(port), List.copyOf(peers), List.copyOf(trackers), lan);
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value; " + USAGE);
        }
        return args[i];
    }

    private static int port(String text) throws UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("--listen must be a port from 0 to 65535, got '" + text + "'");
        }
    }

    private static String hostPort(String text, String option) throws UsageException {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new UsageException(option + " must be HOST:PORT, got '" + text + "'");
        }
        port(text.substring(colon + 1));
        return text;
    }
}
