package org.swarmsync.example.transport.unix.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where a node's socket lives. The transport contract speaks {@link InetSocketAddress}, so a
 * port on this machine names a socket file in one shared directory: {@code 127.0.0.1:P}
 * (or any local-only address) is {@code DIR/swarmsync-P.sock}. Addresses of other machines
 * are refused, which makes the node fall back to its next transport for them.
 */
final class SocketPaths {

    private final Path dir;

    SocketPaths(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** @return the socket file of a peer on this machine */
    Path forRemote(InetSocketAddress remote) throws ConnectException {
        InetAddress host = remote.getAddress();
        if (host == null || !(host.isLoopbackAddress() || host.isAnyLocalAddress()) || remote.getPort() == 0) {
            throw new ConnectException("unix sockets reach only this machine, not " + remote);
        }
        return file(remote.getPort());
    }

    /**
     * @return the socket file to listen on for a bind address; port 0 takes a port that is
     *         free for TCP now, so the node's other transports can listen on the same number
     */
    Path forBind(InetSocketAddress bind) throws IOException {
        int port = bind.getPort();
        if (port == 0) {
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
        }
        createDir();
        return file(port);
    }

    /** @return the port a socket file stands for */
    static int port(Path socket) {
        String name = socket.getFileName().toString();
        return Integer.parseInt(name.substring("swarmsync-".length(), name.length() - ".sock".length()));
    }

    private Path file(int port) {
        return dir.resolve("swarmsync-" + port + ".sock");
    }

    /** Only our own user may connect: the directory is private where the file system allows it. */
    private void createDir() throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(dir);
        }
    }
}
