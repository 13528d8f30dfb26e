package org.swarmsync.sync.internal.session;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.swarmsync.sync.internal.protocol.BlockRequest;
import org.swarmsync.sync.internal.protocol.IndexUpdate;

/** A listener that records what a session reports; tests plug behaviour into its hooks. */
class Recorder implements SessionListener {

    /** Reacts to a reported event on the reader thread. */
    interface Hook<T> {
        void accept(PeerSession session, T value) throws Exception;
    }

    final CompletableFuture<PeerInfo> authenticated = new CompletableFuture<>();
    final BlockingQueue<Long> wants = new LinkedBlockingQueue<>();
    final BlockingQueue<IndexUpdate> indexes = new LinkedBlockingQueue<>();
    final BlockingQueue<BlockRequest> requests = new LinkedBlockingQueue<>();
    final CompletableFuture<SessionEnd> closed = new CompletableFuture<>();
    final AtomicInteger closedCalls = new AtomicInteger();
    volatile boolean autoWant = true;
    volatile Hook<Long> onWant = (s, since) -> { };
    volatile Hook<BlockRequest> onRequest = (s, r) -> { };

    @Override
    public void onAuthenticated(PeerSession session, PeerInfo peer) {
        authenticated.complete(peer);
        if (autoWant) {
            try {
                session.want(0);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Override
    public void onWant(PeerSession session, long since) {
        wants.add(since);
        run(onWant, session, since);
    }

    @Override
    public void onIndex(PeerSession session, IndexUpdate update) {
        indexes.add(update);
    }

    @Override
    public void onRequest(PeerSession session, BlockRequest request) {
        requests.add(request);
        run(onRequest, session, request);
    }

    @Override
    public void onClosed(PeerSession session, SessionEnd end) {
        closedCalls.incrementAndGet();
        closed.complete(end);
    }

    SessionEnd awaitEnd() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }

    PeerInfo awaitAuthenticated() throws Exception {
        return authenticated.get(10, TimeUnit.SECONDS);
    }

    IndexUpdate nextIndex() throws InterruptedException {
        IndexUpdate u = indexes.poll(10, TimeUnit.SECONDS);
        if (u == null) {
            throw new AssertionError("no index update");
        }
        return u;
    }

    BlockRequest nextRequest() throws InterruptedException {
        BlockRequest r = requests.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request");
        }
        return r;
    }

    private static <T> void run(Hook<T> hook, PeerSession session, T value) {
        try {
            hook.accept(session, value);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
