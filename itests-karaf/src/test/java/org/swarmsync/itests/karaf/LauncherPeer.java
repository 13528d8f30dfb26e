package org.swarmsync.itests.karaf;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

/**
 * The standalone peer: the packaged launcher running {@code sync} on one folder in its own
 * JVM, listening on loopback ports, with LAN discovery off so nothing leaves the machine.
 */
final class LauncherPeer implements AutoCloseable {

    final Processes process;

    private LauncherPeer(Processes process) {
        this.process = process;
    }

    static LauncherPeer start(Path dir, String secret, int port) throws IOException {
        return new LauncherPeer(Processes.start("launcher", dir.getParent(), Processes.launcher("sync",
                dir.toString(), "--secret", secret, "--listen", Integer.toString(port), "--no-lan")));
    }

    /** A new read-write secret, from the launcher's {@code secret new}. */
    static String newSecret(Path workDir) throws IOException, InterruptedException {
        try (Processes make = Processes.start("secret", workDir, Processes.launcher("secret", "new"))) {
            if (make.exitCode(60) != 0) {
                throw new AssertionError("secret new failed:\n" + make.output());
            }
            List<String> secrets = make.output().lines().filter(l -> l.matches("[A-Z2-7]{32}")).toList();
            if (secrets.size() != 1) {
                throw new AssertionError("no secret in the output of secret new:\n" + make.output());
            }
            return secrets.get(0);
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
