package org.swarmsync.transport.tcp.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.swarmsync.api.transport.Connection;
import org.swarmsync.api.transport.Listening;
import org.swarmsync.api.transport.Transport;

/**
 * TCP behind the {@link Transport} contract. It keeps every listener and connection it made so
 * that {@link #close()} (the component's deactivation) ends them all and their threads.
 */
public final class TcpTransport implements Transport, AutoCloseable {

    /** The scheme this transport registers under. */
    public static final String SCHEME = "tcp";

    private final TcpOptions options;
    private final Set<TcpListener> listeners = ConcurrentHashMap.newKeySet();
    private final Set<TcpConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** @param options socket settings for every connection */
    public TcpTransport(TcpOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public Listening listen(InetSocketAddress bindAddress, Consumer<Connection> onAccept) throws IOException {
        Objects.requireNonNull(onAccept, "onAccept");
        ensureOpen();
        ServerSocket server = new ServerSocket();
        try {
            // Set before bind: accepted sockets inherit it, and the window scale is fixed
            // during the handshake.
            if (options.bufferBytes() > 0) {
                server.setReceiveBufferSize(options.bufferBytes());
            }
            server.bind(bindAddress, options.backlog());
        } catch (IOException e) {
            server.close();
            throw new IOException("tcp cannot listen on " + bindAddress + ": " + e.getMessage(), e);
        }
        TcpListener listener = new TcpListener(server, this, onAccept);
        listeners.add(listener);
        if (closed) {
            listener.close();
            throw new IOException("tcp transport is closed");
        }
        listener.start();
        return listener;
    }

    @Override
    public Connection connect(InetSocketAddress remote, Duration timeout) throws IOException {
        Objects.requireNonNull(remote, "remote");
        ensureOpen();
        if (remote.isUnresolved()) {
            throw new IOException("tcp cannot connect to unresolved address " + remote);
        }
        Socket socket = new Socket();
        try {
            if (options.bufferBytes() > 0) {
                socket.setReceiveBufferSize(options.bufferBytes());
            }
            socket.connect(remote, TcpConnection.toMillis(timeout));
        } catch (SocketTimeoutException e) {
            socket.close();
            SocketTimeoutException t = new SocketTimeoutException(
                    "tcp connect to " + remote + " timed out after " + timeout.toMillis() + " ms");
            t.initCause(e);
            throw t;
        } catch (ConnectException e) {
            socket.close();
            ConnectException c = new ConnectException(
                    "tcp connect to " + remote + " failed: " + e.getMessage());
            c.initCause(e);
            throw c;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return adopt(socket);
    }

    /** Configures a connected socket and tracks it until it closes. */
    TcpConnection adopt(Socket socket) throws IOException {
        try {
            socket.setTcpNoDelay(options.noDelay());
            socket.setKeepAlive(true);
            if (options.bufferBytes() > 0) {
                socket.setSendBufferSize(options.bufferBytes());
                socket.setReceiveBufferSize(options.bufferBytes());
            }
            TcpConnection connection = new TcpConnection(socket, connections::remove);
            connections.add(connection);
            if (closed) {
                connection.close();
                throw new IOException("tcp transport is closed");
            }
            return connection;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    void forget(TcpListener listener) {
        listeners.remove(listener);
    }

    /** @return how many connections are open now */
    public int openConnections() {
        return connections.size();
    }

    /** @return how many listeners are open now */
    public int openListeners() {
        return listeners.size();
    }

    /** Closes every listener (joining its accept thread) and every connection. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (TcpListener listener : new ArrayList<>(listeners)) {
            listener.close();
        }
        List<TcpConnection> open = new ArrayList<>(connections);
        for (TcpConnection connection : open) {
            connection.close();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("tcp transport is closed");
        }
    }
}
