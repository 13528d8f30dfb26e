package org.swarmsync.example.transport.unix.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

import org.swarmsync.api.transport.Connection;
import org.swarmsync.api.transport.Listening;

/**
 * A bound socket file and the thread that accepts on it. Closing stops the thread and removes
 * the file; accepted connections stay open, as the contract says.
 */
final class UnixListener implements Listening {

    private final ServerSocketChannel server;
    private final Path socket;
    private final InetSocketAddress address;
    private final Consumer<UnixListener> onClose;
    private volatile boolean closed;

    /**
     * @param wrap turns an accepted channel into a tracked connection
     */
    UnixListener(ServerSocketChannel server, Path socket, Function<SocketChannel, Connection> wrap,
            Consumer<Connection> onAccept, Consumer<UnixListener> onClose) {
        this.server = server;
        this.socket = socket;
        this.address = new InetSocketAddress(InetAddress.getLoopbackAddress(), SocketPaths.port(socket));
        this.onClose = onClose;
        Thread acceptor = new Thread(() -> acceptLoop(wrap, onAccept), "swarmsync-unix-accept " + socket.getFileName());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop(Function<SocketChannel, Connection> wrap, Consumer<Connection> onAccept) {
        while (!closed) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                close(); // closed under us, or the socket broke: either way no more accepting
                return;
            }
            Connection connection = wrap.apply(channel);
            if (connection != null) {
                onAccept.accept(connection);
            }
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return address;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // A stale file is taken over by the next listener on this port.
        }
        onClose.accept(this);
    }
}
