package org.swarmsync.itests;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A swarmsync launcher running {@code sync} on one folder in its own JVM, loopback only. */
final class SyncNode implements AutoCloseable {

    final Path dir;
    final int port;
    final Processes process;

    private SyncNode(Path dir, int port, Processes process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts a node on {@code dir} listening on {@code port} (µTP and TCP), dialling the given
     * peers, with LAN discovery off so nothing leaves the machine.
     */
    static SyncNode start(String name, Path dir, String secret, int port, int... peers) throws IOException {
        return start(name, dir, secret, port, List.of(), peers);
    }

    /** As {@link #start(String, Path, String, int, int...)}, with options for the launcher's JVM. */
    static SyncNode start(String name, Path dir, String secret, int port, List<String> jvmOptions, int... peers)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("sync", dir.toString(), "--secret", secret,
                "--listen", Integer.toString(port), "--no-lan"));
        for (int peer : peers) {
            args.add("--peer");
            args.add("127.0.0.1:" + peer);
        }
        List<String> command = new ArrayList<>(Processes.launcher(args.toArray(String[]::new)));
        command.add(1, "-Dswarmsync.log.level=INFO");
        command.add(1, "-Xmx256m");
        command.addAll(1, jvmOptions);
        return new SyncNode(dir, port, Processes.start(name, dir.getParent(), command));
    }

    /** @return a new read-write secret, made by the launcher's {@code secret new} as a user would */
    static String newSecret() throws IOException, InterruptedException {
        try (Processes make = Processes.start("secret", Path.of("."), Processes.launcher("secret", "new"))) {
            int exit = make.exitCode(60);
            if (exit != 0) {
                throw new AssertionError("secret new exited with " + exit + ": " + make.output());
            }
            return make.output().lines().filter(l -> l.matches("[A-Z2-7]{32}")).findFirst()
                    .orElseThrow(() -> new AssertionError("no secret in: " + make.output()));
        }
    }

    /** @return a port free for both TCP and UDP on 127.0.0.1 right now */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no port free for both TCP and UDP");
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
