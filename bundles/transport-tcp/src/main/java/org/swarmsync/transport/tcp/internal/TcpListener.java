package org.swarmsync.transport.tcp.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.api.transport.Connection;
import org.swarmsync.api.transport.Listening;

/** A bound server socket and the thread that accepts on it. */
final class TcpListener implements Listening {

    private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);

    /** How long {@link #close()} waits for the accept thread to notice. */
    private static final long JOIN_MILLIS = 2_000;

    private final ServerSocket server;
    private final InetSocketAddress local;
    private final TcpTransport transport;
    private final Consumer<Connection> onAccept;
    private final Thread thread;
    private volatile boolean closed;

    TcpListener(ServerSocket server, TcpTransport transport, Consumer<Connection> onAccept) {
        this.server = server;
        this.local = (InetSocketAddress) server.getLocalSocketAddress();
        this.transport = transport;
        this.onAccept = onAccept;
        this.thread = new Thread(this::acceptLoop, "swarmsync-tcp-accept-" + local.getPort());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("tcp accept on {} failed, listener stops: {}", local, e.toString());
                    close();
                }
                return;
            }
            TcpConnection connection;
            try {
                connection = transport.adopt(socket);
            } catch (IOException e) {
                LOG.debug("tcp connection from {} dropped during setup: {}",
                        socket.getRemoteSocketAddress(), e.toString());
                closeQuietly(socket);
                continue;
            }
            try {
                onAccept.accept(connection);
            } catch (RuntimeException e) {
                // The consumer's bug must not stop the listener; it also never got the
                // connection in a usable state, so drop it rather than leak it.
                LOG.warn("tcp accept callback failed for {}, connection closed", connection, e);
                connection.close();
            }
        }
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
            // Closing a server socket only fails if it is already closed.
        }
        transport.forget(this);
        if (Thread.currentThread() != thread) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already failing; nothing to add.
        }
    }

    @Override
    public String toString() {
        return "tcp listener " + local;
    }
}
