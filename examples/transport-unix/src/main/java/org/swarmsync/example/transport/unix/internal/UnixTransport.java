package org.swarmsync.example.transport.unix.internal;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.swarmsync.api.transport.Connection;
import org.swarmsync.api.transport.Listening;

/**
 * The transport without its OSGi wiring: listens on and connects to socket files, and
 * remembers everything it opened so that {@link #close()} (the bundle stopping) ends it all.
 */
final class UnixTransport implements AutoCloseable {

    /** The scheme this transport serves. */
    static final String SCHEME = "unix";

    private final SocketPaths paths;
    private final Set<UnixListener> listeners = ConcurrentHashMap.newKeySet();
    private final Set<UnixConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    UnixTransport(Path dir) {
        this.paths = new SocketPaths(dir);
    }

    Listening listen(InetSocketAddress bind, Consumer<Connection> onAccept) throws IOException {
        ensureOpen();
        Path socket = paths.forBind(bind);
        takeOverStale(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            server.close();
            throw e;
        }
        InetSocketAddress local = new InetSocketAddress(InetAddress.getLoopbackAddress(), SocketPaths.port(socket));
        UnixListener listener = new UnixListener(server, socket, channel -> wrapAccepted(channel, local), onAccept,
                listeners::remove);
        listeners.add(listener);
        if (closed) { // closed while binding: do not leave a listener behind
            listener.close();
            throw new IOException("the unix transport is closed");
        }
        return listener;
    }

    Connection connect(InetSocketAddress remote) throws IOException {
        ensureOpen();
        Path socket = paths.forRemote(remote);
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            // A local connect completes or fails at once (no such file, nobody listening), so
            // the contract's connect timeout never comes into play.
            channel.connect(UnixDomainSocketAddress.of(socket));
            return track(new UnixConnection(channel, remote,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), connections::remove));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** Accepted peers have no address of their own: they show as the loopback address, port 0. */
    private Connection wrapAccepted(SocketChannel channel, InetSocketAddress local) {
        try {
            return track(new UnixConnection(channel, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), local,
                    connections::remove));
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // it is going away either way
            }
            return null;
        }
    }

    private UnixConnection track(UnixConnection connection) throws IOException {
        connections.add(connection);
        if (closed) {
            connection.close();
            throw new IOException("the unix transport is closed");
        }
        return connection;
    }

    /**
     * A socket file outlives a process that was killed. If nobody answers on it, it is stale
     * and removed; if someone does, the port is taken.
     */
    private static void takeOverStale(Path socket) throws IOException {
        if (!Files.exists(socket)) {
            return;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            throw new BindException("another node listens on " + socket);
        } catch (BindException e) {
            throw e;
        } catch (IOException nobody) {
            Files.deleteIfExists(socket);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the unix transport is closed");
        }
    }

    /** Closes every listener and connection it opened; a blocked reader or writer is woken. */
    @Override
    public void close() {
        closed = true;
        List.copyOf(listeners).forEach(UnixListener::close);
        List.copyOf(connections).forEach(UnixConnection::close);
    }

    Path dir() {
        return paths.dir();
    }
}
