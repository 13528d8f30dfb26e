package org.swarmsync.sync.internal.session;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.swarmsync.sync.internal.protocol.BlockRequest;
import org.swarmsync.sync.internal.protocol.IndexUpdate;

/**
 * A listener that records what a session reports. Tests plug behaviour into its hooks, which
 * run on a thread of the recorder's own, as the orchestrator's do; a hook's failure is kept
 * in {@link #hookFailure}.
 */
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
    /** Runs inline on the reader thread, unlike the hooks. */
    volatile Hook<Long> onWantInline = (s, since) -> { };
    final CompletableFuture<Throwable> hookFailure = new CompletableFuture<>();
    private final ExecutorService orchestrator = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test orchestrator");
        t.setDaemon(true);
        return t;
    });

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
        try {
            onWantInline.accept(session, since);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
        orchestrator.shutdown();
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

    private <T> void run(Hook<T> hook, PeerSession session, T value) {
        orchestrator.execute(() -> {
            try {
                hook.accept(session, value);
            } catch (Throwable e) {
                hookFailure.complete(e);
            }
        });
    }
}
