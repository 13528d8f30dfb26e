package org.swarmsync.itests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.swarmsync.api.crypto.CryptoPolicy;
import org.swarmsync.api.crypto.HandshakeResult;
import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.secrets.Secret;
import org.swarmsync.api.transport.Connection;
import org.swarmsync.codec.bencode.BBytes;
import org.swarmsync.codec.bencode.BDict;
import org.swarmsync.codec.bencode.BInteger;
import org.swarmsync.codec.bencode.BList;
import org.swarmsync.codec.bencode.BValue;
import org.swarmsync.codec.bencode.Bencode;
import org.swarmsync.crypto.mse.internal.MseChannelCrypto;
import org.swarmsync.crypto.mse.internal.MseSettings;
import org.swarmsync.secrets.internal.SecretServiceImpl;
import org.swarmsync.sync.internal.protocol.Auth;
import org.swarmsync.sync.internal.protocol.BlockData;
import org.swarmsync.sync.internal.protocol.BlockError;
import org.swarmsync.sync.internal.protocol.BlockRequest;
import org.swarmsync.sync.internal.protocol.Close;
import org.swarmsync.sync.internal.protocol.FrameReader;
import org.swarmsync.sync.internal.protocol.FrameWriter;
import org.swarmsync.sync.internal.protocol.Hello;
import org.swarmsync.sync.internal.protocol.Limits;
import org.swarmsync.sync.internal.protocol.Message;
import org.swarmsync.sync.internal.protocol.MessageCodec;
import org.swarmsync.sync.internal.protocol.Want;
import org.swarmsync.sync.internal.session.AuthKeys;
import org.swarmsync.sync.internal.session.Authenticator;
import org.swarmsync.sync.internal.session.Role;
import org.swarmsync.transport.tcp.internal.TcpOptions;
import org.swarmsync.transport.tcp.internal.TcpTransport;

/**
 * A peer in the test JVM that holds the folder's secret and speaks our protocol as the node
 * does (TCP, then MSE with the share hash as SKEY, then hello and auth bound to that MSE
 * session), and then sends whatever the test tells it to, however malicious. A reader thread
 * collects what the node sends and answers its block requests through {@link #answer}.
 */
final class HostilePeer implements AutoCloseable {

    /** Block size of the files this peer announces: the smallest the protocol allows. */
    static final int BLOCK = Limits.MIN_BLOCK_SIZE;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    final long device = RANDOM.nextLong();
    private final TcpTransport tcp = new TcpTransport(TcpOptions.DEFAULTS);
    private final MseChannelCrypto mse = new MseChannelCrypto(MseSettings.DEFAULTS);
    private final Secret secret;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final List<BlockRequest> requests = new ArrayList<>();
    private final CompletableFuture<Optional<Close>> ended = new CompletableFuture<>();
    private volatile Function<BlockRequest, ByteBuffer> answer = request -> null;
    private Connection connection;
    private FrameReader reader;
    private FrameWriter writer;
    /** Unique to our MSE session: the proofs cover it, as the node's do. */
    private byte[] binding;

    private HostilePeer(String secretText) {
        this.secret = new SecretServiceImpl().parse(secretText);
    }

    /**
     * Dials the node's TCP port, runs MSE and authenticates honestly (read-write), reads the
     * node's want and sends ours: from here on the node believes it talks to a member.
     */
    static HostilePeer join(int port, String secretText) throws IOException {
        HostilePeer peer = new HostilePeer(secretText);
        try {
            peer.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            peer.authenticate();
            Message first = peer.readDirect();
            if (!(first instanceof Want)) {
                throw new IOException("expected the node's want, got " + first);
            }
            peer.startReader();
            peer.send(new Want(0));
            return peer;
        } catch (IOException | RuntimeException e) {
            peer.close();
            throw e;
        }
    }

    private void connect(InetSocketAddress node) throws IOException {
        Connection raw = tcp.connect(node, TIMEOUT);
        // As the node's dialer does: the share hash is the SKEY, RC4 is required.
        HandshakeResult result = mse.initiate(raw, secret.shareHash().toBytes(), ByteBuffer.allocate(0),
                CryptoPolicy.RC4_REQUIRED, TIMEOUT);
        connection = result.connection();
        connection.setReadTimeout(TIMEOUT);
        reader = new FrameReader(connection);
        writer = new FrameWriter(connection);
        binding = result.sessionBinding();
    }

    private void authenticate() throws IOException {
        byte[] nonce = new byte[Limits.NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        Hello hello = new Hello(Limits.VERSION, PeerId.random(RANDOM), device, nonce, "hostile", secret.access());
        Authenticator auth = new Authenticator(Role.INITIATOR, AuthKeys.of(secret), binding, hello);
        writer.write(ByteBuffer.wrap(auth.helloBody()));
        ByteBuffer theirs = reader.read(Limits.MAX_HANDSHAKE_FRAME).orElseThrow(() -> new IOException("no hello"));
        byte[] body = new byte[theirs.remaining()];
        theirs.duplicate().get(body);
        Message hisHello = MessageCodec.decode(theirs);
        if (!(hisHello instanceof Hello h)) {
            throw new IOException("expected hello, got " + hisHello);
        }
        send(auth.onPeerHello(body, h));
        Message hisAuth = readDirect();
        if (!(hisAuth instanceof Auth a)) {
            throw new IOException("expected auth, got " + hisAuth);
        }
        auth.verify(a);
    }

    private Message readDirect() throws IOException {
        return MessageCodec.decode(reader.read(Limits.MAX_FRAME).orElseThrow(() -> new IOException("stream ended")));
    }

    private void startReader() {
        Thread thread = new Thread(this::readLoop, "hostile-peer-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void readLoop() {
        Close close = null;
        try {
            for (Optional<ByteBuffer> frame; (frame = reader.read(Limits.MAX_FRAME)).isPresent(); ) {
                Message message = MessageCodec.decode(frame.get());
                received.add(message);
                if (message instanceof Close c) {
                    close = c;
                } else if (message instanceof BlockRequest request) {
                    synchronized (requests) {
                        requests.add(request);
                    }
                    ByteBuffer data = answer.apply(request);
                    if (data != null) {
                        send(new BlockData(request.id(), data));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // A reset right after the close frame ends the stream as well.
        } finally {
            ended.complete(Optional.ofNullable(close));
        }
    }

    /** The node's answer to one of our requests: its data, or the error it gave instead. */
    record BlockAnswer(ByteBuffer data, String error) {
    }

    /** Waits for the node's answer to our request {@code id}. */
    BlockAnswer awaitBlock(long id) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            Message m = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new AssertionError("no answer to request " + id + " within " + TIMEOUT.toSeconds() + " s");
            }
            if (m instanceof BlockData data && data.id() == id) {
                return new BlockAnswer(data.data(), null);
            }
            if (m instanceof BlockError error && error.id() == id) {
                return new BlockAnswer(null, error.reason());
            }
        }
    }

    /** What to send for each block request the node makes: data (right or wrong), or null for nothing. */
    void answer(Function<BlockRequest, ByteBuffer> answer) {
        this.answer = answer;
    }

    List<BlockRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    void send(Message message) throws IOException {
        writer.send(message);
    }

    /** Sends a frame body as it is, valid or not. */
    void sendBody(BDict body) throws IOException {
        writer.write(ByteBuffer.wrap(Bencode.encode(body)));
    }

    /** Sends one index frame ({@code done: 1}) carrying these entries, valid or not. */
    void sendIndex(List<BDict> entries) throws IOException {
        sendBody(BDict.builder().putUtf8("t", "index").put("seq", entries.size()).put("done", 1)
                .put("files", BList.of(entries)).build());
    }

    /**
     * Waits for the node to end the session.
     *
     * @return the reason of its close frame
     * @throws AssertionError if it did not end the session in time, or ended it without one
     */
    String awaitClose() throws Exception {
        Optional<Close> close;
        try {
            close = ended.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the node did not end the session within " + TIMEOUT.toSeconds() + " s; it sent "
                    + List.copyOf(received));
        }
        return close.orElseThrow(() -> new AssertionError("the session ended without a close frame; received "
                + List.copyOf(received))).reason();
    }

    // ---- index entries, built by hand so that nothing on our side refuses the malicious ones

    /** A file entry for {@code content}, with its real block hashes, in this peer's version. */
    BDict file(String path, byte[] content, long sequence) {
        long blocks = (content.length + BLOCK - 1) / BLOCK;
        byte[] hashes = new byte[(int) blocks * 32];
        for (int i = 0; i < blocks; i++) {
            int from = i * BLOCK;
            byte[] hash = sha256(ByteBuffer.wrap(content, from, Math.min(BLOCK, content.length - from)));
            System.arraycopy(hash, 0, hashes, i * 32, 32);
        }
        return entry(path, 0, content.length, content.length == 0 ? 0 : BLOCK, hashes, sequence).build();
    }

    /** A directory entry. */
    BDict directory(String path, long sequence) {
        return entry(path, 1, 0, 0, new byte[0], sequence).build();
    }

    /** A symbolic link entry. */
    BDict symlink(String path, String target, long sequence) {
        return entry(path, 2, 0, 0, new byte[0], sequence).putUtf8("l", target).build();
    }

    /** Every key of an entry (docs/protocol.md 3.1), with a version of this peer only. */
    BDict.Builder entry(String path, int kind, long size, int blockSize, byte[] hashes, long sequence) {
        byte[] deviceBytes = ByteBuffer.allocate(8).putLong(device).array();
        BValue version = BList.of(BList.of(BBytes.wrap(deviceBytes), BInteger.of(1)));
        return BDict.builder().putUtf8("p", path).put("k", kind).put("s", size).put("m", System.currentTimeMillis())
                .put("x", 0644).put("b", blockSize).put("h", BBytes.wrap(hashes)).put("v", version).put("d", 0)
                .put("q", sequence);
    }

    static byte[] sha256(ByteBuffer data) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(data.duplicate());
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (IOException e) {
            // going away either way
        }
        mse.close();
        tcp.close();
    }
}
