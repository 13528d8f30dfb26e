package org.swarmsync.bittorrent.internal;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.swarmsync.api.crypto.CryptoPolicy;

/**
 * The command line of {@code torrent fetch} and {@code torrent seed}.
 *
 * @param fetch true for fetch, false for seed
 * @param transport the transport scheme
 * @param crypto the channel crypto method, or {@code none}
 * @param policy the crypto policy when a method is used
 * @param peer the seed to fetch from (fetch only)
 * @param bind the address to listen on (seed only)
 * @param torrent the .torrent file
 * @param folder where the payload is read or written
 * @param timeout how long to wait for a peer or for progress
 */
record TorrentOptions(boolean fetch, String transport, String crypto, CryptoPolicy policy, InetSocketAddress peer,
        InetSocketAddress bind, Path torrent, Path folder, Duration timeout) {

    static final String USAGE = "usage: swarmsync torrent fetch --transport utp|tcp [--crypto none|mse] "
            + "[--mse-policy P] [--timeout S] HOST:PORT FILE.torrent OUTDIR | swarmsync torrent seed "
            + "--transport utp|tcp [--crypto none|mse] [--mse-policy P] [--bind ADDR] [--timeout S] --port N "
            + "FILE.torrent DATADIR";

    /** Parses the arguments after {@code torrent}. */
    static TorrentOptions parse(String[] args) throws UsageException {
        if (args.length == 0 || !(args[0].equals("fetch") || args[0].equals("seed"))) {
            throw new UsageException("expected 'fetch' or 'seed'; " + USAGE);
        }
        boolean fetch = args[0].equals("fetch");
        String transport = null;
        String crypto = "none";
        CryptoPolicy policy = CryptoPolicy.RC4_PREFERRED;
        String bindHost = "0.0.0.0";
        Integer port = null;
        Duration timeout = Duration.ofSeconds(60);
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new UsageException("option " + arg + " needs a value; " + USAGE);
            }
            String value = args[++i];
            switch (arg) {
                case "--transport" -> transport = value;
                case "--crypto" -> crypto = oneOf(arg, value, "none", "mse");
                case "--mse-policy" -> policy = policy(value);
                case "--bind" -> bindHost = value;
                case "--port" -> port = number(arg, value, 0, 65535);
                case "--timeout" -> timeout = Duration.ofSeconds(number(arg, value, 1, 86_400));
                default -> throw new UsageException("unknown option " + arg + "; " + USAGE);
            }
        }
        if (transport == null) {
            throw new UsageException("--transport is required; " + USAGE);
        }
        int expected = fetch ? 3 : 2;
        if (positional.size() != expected) {
            throw new UsageException("expected " + expected + " arguments after the options, got "
                    + positional.size() + "; " + USAGE);
        }
        if (fetch) {
            if (port != null) {
                throw new UsageException("--port is for seed; fetch takes HOST:PORT; " + USAGE);
            }
            return new TorrentOptions(true, transport, crypto, policy, hostPort(positional.get(0)), null,
                    Path.of(positional.get(1)), Path.of(positional.get(2)), timeout);
        }
        if (port == null) {
            throw new UsageException("--port is required for seed; " + USAGE);
        }
        return new TorrentOptions(false, transport, crypto, policy, null, new InetSocketAddress(bindHost, port),
                Path.of(positional.get(0)), Path.of(positional.get(1)), timeout);
    }

    private static String oneOf(String option, String value, String... allowed) throws UsageException {
        for (String candidate : allowed) {
            if (candidate.equals(value)) {
                return value;
            }
        }
        throw new UsageException(option + " must be one of " + String.join(", ", allowed) + "; got '" + value + "'");
    }

    private static CryptoPolicy policy(String value) throws UsageException {
        try {
            return CryptoPolicy.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--mse-policy must be rc4-required, rc4-preferred, plaintext-preferred or "
                    + "plaintext-required; got '" + value + "'");
        }
    }

    private static int number(String option, String value, int min, int max) throws UsageException {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a number from " + min + " to " + max + "; got '" + value + "'");
        }
    }

    private static InetSocketAddress hostPort(String text) throws UsageException {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new UsageException("expected HOST:PORT, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, number("PORT", text.substring(colon + 1), 1, 65535));
    }
}
