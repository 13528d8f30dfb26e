package org.swarmsync.api.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.time.Duration;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A connected, reliable, ordered, bidirectional byte channel, in blocking mode.
 *
 * <p>{@link #read(ByteBuffer)} blocks until at least one byte is available and returns
 * {@code -1} once the peer has half-closed and every byte before that was read.
 * {@link #write(ByteBuffer)} blocks until the whole buffer has been accepted by the
 * transport (flow control may hold it). One thread may read while another writes.
 * Closing aborts both directions and wakes blocked callers with an {@link IOException}.
 */
@ConsumerType
public interface Connection extends ByteChannel {

    /** @return the peer's address */
    InetSocketAddress remoteAddress();

    /** @return our end's address */
    InetSocketAddress localAddress();

    /** @return the scheme of the transport that carries this connection, e.g. {@code utp} */
    String scheme();

    /**
     * Half-closes: tells the peer we will send nothing more (a FIN), while reading goes on.
     *
     * @throws IOException if the connection is already closed
     */
    void shutdownOutput() throws IOException;

    /**
     * Bounds how long one {@link #read(ByteBuffer)} may block.
     *
     * @param timeout the longest wait, or {@link Duration#ZERO} for no limit (the default)
     */
    void setReadTimeout(Duration timeout);

    /**
     * Reads at least one byte, waiting at most the read timeout.
     *
     * @throws java.net.SocketTimeoutException if the read timeout passed with nothing to read
     */
    @Override
    int read(ByteBuffer dst) throws IOException;
}
