package org.swarmsync.sync.internal.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.swarmsync.api.transport.Connection;
import org.swarmsync.sync.internal.protocol.Auth;
import org.swarmsync.sync.internal.protocol.FrameReader;
import org.swarmsync.sync.internal.protocol.FrameWriter;
import org.swarmsync.sync.internal.protocol.Hello;
import org.swarmsync.sync.internal.protocol.Limits;
import org.swarmsync.sync.internal.protocol.Message;
import org.swarmsync.sync.internal.protocol.MessageCodec;

/** A hand-driven peer for hostile and corner-case tests: it sends exactly what the test says. */
final class RawPeer implements AutoCloseable {

    final Connection connection;
    private final FrameReader reader;
    private final FrameWriter writer;

    RawPeer(Connection connection) {
        this.connection = connection;
        connection.setReadTimeout(Duration.ofSeconds(10));
        this.reader = new FrameReader(connection);
        this.writer = new FrameWriter(connection);
    }

    void send(Message message) throws IOException {
        writer.send(message);
    }

    void sendBody(byte[] body) throws IOException {
        writer.write(ByteBuffer.wrap(body));
    }

    void sendRaw(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            connection.write(b);
        }
    }

    /** @return the next frame's body, or empty at the end of the stream */
    Optional<ByteBuffer> frame() throws IOException {
        return reader.read(Limits.MAX_FRAME);
    }

    Message read() throws IOException {
        return MessageCodec.decode(frame().orElseThrow(() -> new java.io.EOFException("stream ended")));
    }

    /** Reads every message until the peer ends the stream (or resets it). */
    List<Message> readToEnd() throws IOException {
        List<Message> all = new ArrayList<>();
        try {
            Optional<ByteBuffer> f;
            while ((f = frame()).isPresent()) {
                all.add(MessageCodec.decode(f.get()));
            }
        } catch (java.net.SocketException e) {
            // a reset after the last frame ends the stream too
        }
        return all;
    }

    /**
     * Runs hello and auth honestly with these keys.
     *
     * @return what we learnt of the other side; also our hello body and auth, for replays
     */
    Handshake authenticate(AuthKeys keys, Role role) throws IOException {
        Authenticator auth = AuthenticatorTest.side(role, keys, new byte[0]);
        byte[] ourHello = auth.helloBody();
        sendBody(ourHello);
        ByteBuffer theirs = frame().orElseThrow();
        byte[] body = new byte[theirs.remaining()];
        theirs.get(body);
        Auth ours = auth.onPeerHello(body, (Hello) MessageCodec.decode(ByteBuffer.wrap(body)));
        send(ours);
        PeerInfo info = auth.verify((Auth) read());
        return new Handshake(info, ourHello, ours);
    }

    record Handshake(PeerInfo peer, byte[] helloBody, Auth auth) {
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
