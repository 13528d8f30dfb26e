package org.swarmsync.sync.internal.session;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.api.transport.Connection;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.Hash256;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.protocol.Auth;
import org.swarmsync.sync.internal.protocol.BlockData;
import org.swarmsync.sync.internal.protocol.BlockError;
import org.swarmsync.sync.internal.protocol.BlockRequest;
import org.swarmsync.sync.internal.protocol.Close;
import org.swarmsync.sync.internal.protocol.FrameReader;
import org.swarmsync.sync.internal.protocol.FrameWriter;
import org.swarmsync.sync.internal.protocol.Hello;
import org.swarmsync.sync.internal.protocol.IndexFrames;
import org.swarmsync.sync.internal.protocol.IndexUpdate;
import org.swarmsync.sync.internal.protocol.Limits;
import org.swarmsync.sync.internal.protocol.Message;
import org.swarmsync.sync.internal.protocol.MessageCodec;
import org.swarmsync.sync.internal.protocol.Ping;
import org.swarmsync.sync.internal.protocol.ProtocolException;
import org.swarmsync.sync.internal.protocol.Want;
import org.swarmsync.sync.internal.session.OutgoingRequests.Pending;
import org.swarmsync.sync.internal.session.SessionEnd.Cause;

/**
 * One session of protocol v1 with one peer, over a connected (and, in production,
 * crypto-wrapped) connection: hello and auth, then wants, index batches, requests and blocks.
 *
 * <p>One reader thread per session reads every frame, validates it and reports it to the
 * {@link SessionListener}; it also sends keep-alive pings. A watchdog on the shared scheduler
 * ends a session that does not authenticate in time, goes silent, or stops reading. Any thread
 * may call the sending methods; frames never interleave. Nothing about the folder is sent or
 * accepted before the peer's proof has verified.
 */
public final class PeerSession {

    private static final Logger LOG = LoggerFactory.getLogger(PeerSession.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Connection connection;
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final Role role;
    private final SessionConfig config;
    private final SessionListener listener;
    private final Authenticator authenticator;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final OutgoingRequests outgoing = new OutgoingRequests();
    private final IncomingRequests incoming = new IncomingRequests();
    private final AtomicReference<SessionEnd> end = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final CountDownLatch farewellDone = new CountDownLatch(1);
    private volatile PeerInfo peer;
    private volatile boolean wantSent;
    private volatile boolean wantReceived;
    private volatile boolean closeSent;
    private final Liveness liveness;
    private volatile ScheduledFuture<?> watchdog;
    private volatile Thread readerThread;
    private boolean helloReceived;

    private PeerSession(Connection connection, Role role, Authenticator authenticator, SessionConfig config,
            SessionListener listener) {
        this.connection = connection;
        this.role = role;
        this.config = config;
        this.listener = listener;
        this.authenticator = authenticator;
        this.reader = new FrameReader(connection);
        this.writer = new FrameWriter(connection);
        this.liveness = new Liveness(config.timings(), reader, writer, System.nanoTime());
    }

    /**
     * Starts a session: its reader thread sends our hello at once and runs the exchange.
     *
     * @param connection connected, and wrapped by the channel crypto; the session owns it now
     * @param role whether we dialled or accepted
     * @param binding 32 bytes unique to the crypto session under the connection, or empty
     *        while the crypto API offers none (docs/protocol.md, "Relays")
     * @param config the folder's session settings
     * @param listener receives what the peer sends
     * @return the running session
     */
    public static PeerSession start(Connection connection, Role role, byte[] binding, SessionConfig config,
            SessionListener listener) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(listener, "listener");
        byte[] nonce = new byte[Limits.NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        LocalPeer local = config.local();
        Hello hello = new Hello(Limits.VERSION, local.peer(), local.device(), nonce, local.clientName(),
                config.keys().access());
        PeerSession session = new PeerSession(connection, role,
                new Authenticator(role, config.keys(), binding, hello), config, listener);
        long tick = config.timings().tick().toMillis();
        try {
            session.watchdog = config.scheduler().scheduleWithFixedDelay(session::checkClocks, tick, tick,
                    TimeUnit.MILLISECONDS);
            Thread thread = config.threads().newThread(session::run);
            thread.setName("swarmsync-session " + connection.remoteAddress());
            session.readerThread = thread;
            thread.start();
        } catch (RuntimeException | Error e) {
            session.terminate(new SessionEnd(Cause.INTERNAL, "could not start: " + e), null);
            throw e;
        }
        return session;
    }

    /** @return the authenticated peer, or empty until both proofs verified */
    public Optional<PeerInfo> peer() {
        return Optional.ofNullable(peer);
    }

    /** @return whether we dialled or accepted */
    public Role role() {
        return role;
    }

    /** @return the peer's address */
    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    /** @return whether the session has not ended */
    public boolean isOpen() {
        return end.get() == null;
    }

    /** @return why the session ended, or empty while it runs */
    public Optional<SessionEnd> end() {
        return Optional.ofNullable(end.get());
    }

    /**
     * Asks for the peer's entries with a sequence above {@code since}; send once, after
     * {@link SessionListener#onAuthenticated}. The peer's index batches follow.
     *
     * @throws SessionClosedException if the session ended
     * @throws IOException if the connection fails
     */
    public void want(long since) throws IOException {
        requireAuthenticated();
        wantSent = true; // before the frame leaves: the first batch may come back at once
        writer.send(new Want(since));
    }

    /**
     * Sends index entries, in as many frames as the limits need; every frame but the last
     * carries {@code done = 0}. Only after the peer's want, from one thread at a time, and never
     * from a listener callback (see {@link #sendBlock}). Pass large indexes in slices of a few
     * thousand entries: each call encodes all of its entries before sending.
     *
     * @param entries entries with a sequence above what the peer asked for
     * @param sequence our highest local sequence now
     * @param done whether this completes the answer to the peer's want (always true for deltas)
     * @throws IllegalStateException if the peer has not sent its want, or if called on the
     *         session's reader thread
     * @throws IllegalArgumentException if an entry cannot be sent (invalid, or too large for a
     *         frame); nothing was sent then
     * @throws IOException if the session ended or the connection fails
     */
    public void sendIndex(List<FileEntry> entries, long sequence, boolean done) throws IOException {
        requireAuthenticated();
        requireOtherThread("sendIndex");
        if (!wantReceived) {
            throw new IllegalStateException("the peer has not sent its want yet");
        }
        for (byte[] frame : IndexFrames.encode(entries, sequence, done)) {
            writer.write(ByteBuffer.wrap(frame));
        }
    }

    /**
     * Requests one block. Waits while 256 requests or 64 MiB are outstanding (backpressure).
     * The future completes on the reader thread with the received data, already checked against
     * {@code hash} (use the async variants to do heavy work elsewhere; release it when done,
     * see {@link ReceivedBlock}), or fails with {@link BlockUnavailableException} (the peer no longer has it),
     * {@link ProtocolException} (the data did not match: the session is closed) or
     * {@link SessionClosedException}.
     *
     * @throws InterruptedException if interrupted while waiting for room
     * @throws IOException if the session ended or the connection fails
     */
    public CompletableFuture<ReceivedBlock> request(RelativePath path, long offset, int length, Hash256 hash)
            throws IOException, InterruptedException {
        requireAuthenticated();
        Pending pending = outgoing.register(path, offset, length, hash);
        try {
            writer.send(pending.request());
        } catch (IOException | RuntimeException e) {
            if (outgoing.remove(pending.request().id()) != null) {
                pending.future().completeExceptionally(e);
            }
            throw e;
        }
        return pending.future();
    }

    /** @return how many of our requests await an answer */
    public int outstandingRequests() {
        return outgoing.size();
    }

    /**
     * Answers the peer's request with its data. The buffer is read from its position to its
     * limit, without being copied, and must not change until this returns.
     *
     * <p>Not from a listener callback: bulk writes block while the peer is not reading, and a
     * peer whose reader thread is itself blocked writing to us never reads again; two such
     * peers would wait on each other until the watchdog cut them. Small messages (want, block
     * errors, close) are fine from callbacks.
     *
     * @throws IllegalArgumentException if no request with this id is outstanding, or the data
     *         is not as long as requested (the request then stays outstanding)
     * @throws IllegalStateException if called on the session's reader thread
     * @throws IOException if the session ended or the connection fails
     */
    public void sendBlock(long id, ByteBuffer data) throws IOException {
        requireAuthenticated();
        requireOtherThread("sendBlock");
        BlockRequest request = incoming.find(id);
        if (request == null) {
            throw unknownRequest(id);
        }
        if (data.remaining() != request.length()) {
            throw new IllegalArgumentException("block " + id + " has " + data.remaining() + " bytes, the request asked for "
                    + request.length());
        }
        if (incoming.answer(id) == null) {
            throw unknownRequest(id);
        }
        writer.send(new BlockData(id, data));
        bytesSent.add(request.length());
    }

    /** @return block data received from the peer so far */
    public long bytesReceived() {
        return bytesReceived.sum();
    }

    /** @return block data sent to the peer so far */
    public long bytesSent() {
        return bytesSent.sum();
    }

    /**
     * Answers the peer's request with an error: we no longer have that content.
     *
     * @param reason why, for the peer's log; cut to 256 UTF-8 bytes
     * @throws IllegalArgumentException if no request with this id is outstanding
     * @throws IOException if the session ended or the connection fails
     */
    public void sendBlockError(long id, String reason) throws IOException {
        requireAuthenticated();
        if (incoming.answer(id) == null) {
            throw unknownRequest(id);
        }
        writer.send(BlockError.truncating(id, reason));
    }

    /**
     * Ends the session: tells the peer why, then closes the connection. May wait up to the
     * close grace for the {@code close} frame to leave. Does nothing if the session already ended.
     */
    public void close(String reason) {
        terminate(new SessionEnd(Cause.LOCAL, reason), reason);
    }

    /** @return whether the session finished (its {@code onClosed} returned) within the timeout */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public String toString() {
        PeerInfo p = peer;
        return "PeerSession[" + role.name().toLowerCase() + " " + connection.remoteAddress()
                + (p == null ? "" : ", peer " + p.peer() + " " + p.access()) + (isOpen() ? "" : ", " + end.get()) + "]";
    }

    // ---- the reader thread

    private void run() {
        try {
            connection.setReadTimeout(config.timings().tick());
            writer.write(ByteBuffer.wrap(authenticator.helloBody()));
            while (isOpen()) {
                Optional<ByteBuffer> frame;
                try {
                    frame = reader.read(peer == null ? Limits.MAX_HANDSHAKE_FRAME : Limits.MAX_FRAME);
                } catch (SocketTimeoutException e) {
                    keepAlive();
                    continue;
                }
                if (frame.isEmpty()) {
                    terminate(new SessionEnd(Cause.PEER, "the peer closed the connection"), null);
                } else if (isOpen()) {
                    dispatch(frame.get());
                    keepAlive();
                }
            }
        } catch (AuthenticationException e) {
            terminate(new SessionEnd(Cause.AUTHENTICATION, e.getMessage()), AuthenticationException.MESSAGE);
        } catch (ProtocolException e) {
            terminate(new SessionEnd(Cause.PROTOCOL, e.getMessage()), e.getMessage());
        } catch (IOException e) {
            terminate(new SessionEnd(Cause.TRANSPORT, String.valueOf(e.getMessage())), null);
        } catch (RuntimeException e) {
            LOG.warn("session with {} failed", connection.remoteAddress(), e);
            terminate(new SessionEnd(Cause.INTERNAL, e.toString()), "internal error");
        } catch (LinkageError e) {
            // The transport's bundle was uninstalled and refreshed under us (Karaf's
            // feature:uninstall): its classes are gone, so the transport is.
            terminate(new SessionEnd(Cause.TRANSPORT, "transport gone: " + e), null);
        } finally {
            finish();
        }
    }

    private void dispatch(ByteBuffer frame) throws IOException {
        Message message = MessageCodec.decode(frame.duplicate());
        if (message instanceof Close close) {
            terminate(new SessionEnd(Cause.PEER, "the peer closed the session: " + close.reason()), null);
            return;
        }
        liveness.dispatching(true);
        try {
            if (peer == null) {
                handshake(frame, message);
            } else {
                exchange(message, frame);
            }
        } finally {
            liveness.dispatching(false);
        }
    }

    private void handshake(ByteBuffer frame, Message message) throws IOException {
        if (message instanceof Hello hello && !helloReceived) {
            byte[] body = new byte[frame.remaining()];
            frame.duplicate().get(body);
            Auth ours = authenticator.onPeerHello(body, hello);
            helloReceived = true;
            writer.send(ours);
        } else if (message instanceof Auth auth && helloReceived) {
            PeerInfo info = authenticator.verify(auth);
            peer = info;
            liveness.authenticated();
            LOG.debug("session with {} authenticated: {}", connection.remoteAddress(), info);
            listener.onAuthenticated(this, info);
        } else {
            throw new ProtocolException("unexpected " + message.type() + (helloReceived ? " before auth" : " before hello"));
        }
    }

    private void exchange(Message message, ByteBuffer frame) throws IOException {
        if (message instanceof Want want) {
            wantReceived = true;
            listener.onWant(this, want.since());
        } else if (message instanceof IndexUpdate update) {
            if (!wantSent) {
                throw new ProtocolException("index: sent before we asked with want");
            }
            listener.onIndex(this, update);
        } else if (message instanceof BlockRequest request) {
            incoming.admit(request);
            listener.onRequest(this, request);
        } else if (message instanceof BlockData block) {
            bytesReceived.add(block.data().remaining());
            outgoing.complete(block, frame);
        } else if (message instanceof BlockError error) {
            outgoing.fail(error);
        } else if (!(message instanceof Ping)) {
            throw new ProtocolException("unexpected " + message.type() + " after authentication");
        }
    }

    private void keepAlive() throws IOException {
        if (isOpen() && liveness.pingDue(System.nanoTime(), outgoing.size() > 0)) {
            writer.trySend(Ping.INSTANCE);
        }
    }

    private void finish() {
        if (isOpen()) {
            terminate(new SessionEnd(Cause.INTERNAL, "reader thread died"), "internal error");
        }
        // Another thread may be writing our close frame right now: cutting the connection
        // under it would lose the frame. The grace bounds its write.
        try {
            farewellDone.await(config.timings().closeGrace().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closeSent) {
            drain();
        }
        closeConnection();
        incoming.clear();
        try {
            listener.onClosed(this, end.get());
        } catch (RuntimeException e) {
            LOG.warn("onClosed of session with {} failed", connection.remoteAddress(), e);
        } finally {
            finished.countDown();
        }
    }

    // After our close frame: read and drop until the peer hangs up, so that closing with
    // unread input does not reset the connection and lose the frame; bounded by the grace.
    private void drain() {
        long deadline = System.nanoTime() + config.timings().closeGrace().toNanos();
        ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
        try {
            while (System.nanoTime() - deadline < 0) {
                sink.clear();
                try {
                    if (connection.read(sink) < 0) {
                        return;
                    }
                } catch (SocketTimeoutException e) {
                    // keep waiting until the deadline
                }
            }
        } catch (IOException e) {
            // closed: nothing left to drain
        }
    }

    // ---- ending, from any thread

    /**
     * Ends the session once; later calls do nothing.
     *
     * @param peerReason the close reason to send the peer, or null to send none (the peer
     *        closed, went silent, stopped reading, or the connection failed)
     */
    private boolean terminate(SessionEnd why, String peerReason) {
        if (!end.compareAndSet(null, why)) {
            return false;
        }
        boolean noteworthy = why.cause() == Cause.PROTOCOL || why.cause() == Cause.AUTHENTICATION;
        if (noteworthy) {
            LOG.info("session with {} closed: {}", connection.remoteAddress(), why);
        } else {
            LOG.debug("session with {} closed: {}", connection.remoteAddress(), why);
        }
        ScheduledFuture<?> w = watchdog;
        if (w != null) {
            w.cancel(false);
        }
        outgoing.closeAll(why);
        try {
            farewell(peerReason);
        } finally {
            farewellDone.countDown();
        }
        return true;
    }

    private void farewell(String peerReason) {
        if (peerReason == null) {
            closeConnection();
            return;
        }
        try {
            // The write below may block on a peer that does not read: cut it off after the grace.
            config.scheduler().schedule(this::closeConnection, config.timings().closeGrace().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            closeConnection();
            return;
        }
        try {
            writer.send(Close.truncating(peerReason));
            connection.shutdownOutput();
            closeSent = true;
        } catch (IOException | RuntimeException | LinkageError e) {
            closeConnection();
        }
    }

    // A peer that is silent or does not read would not take a close frame either.
    private void checkClocks() {
        String expired = liveness.expired(System.nanoTime());
        if (expired != null) {
            terminate(new SessionEnd(Cause.TIMEOUT, expired), null);
        }
    }

    private void closeConnection() {
        try {
            connection.close();
        } catch (IOException | RuntimeException | LinkageError e) {
            // nothing left to release (a LinkageError: the transport's bundle is gone)
        }
    }

    private void requireAuthenticated() throws SessionClosedException {
        SessionEnd e = end.get();
        if (e != null) {
            throw new SessionClosedException(e);
        }
        if (peer == null) {
            throw new IllegalStateException("the session is not authenticated yet");
        }
    }

    private void requireOtherThread(String what) {
        if (Thread.currentThread() == readerThread) {
            throw new IllegalStateException(what + " from the session's reader thread (a listener callback) could "
                    + "deadlock with a peer doing the same: call it from another thread");
        }
    }

    private IllegalArgumentException unknownRequest(long id) throws SessionClosedException {
        SessionEnd e = end.get();
        if (e != null) {
            throw new SessionClosedException(e);
        }
        return new IllegalArgumentException("no outstanding request with id " + id);
    }
}
