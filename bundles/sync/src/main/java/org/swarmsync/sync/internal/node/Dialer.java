package org.swarmsync.sync.internal.node;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.swarmsync.sync.internal.engine.Threads;
import org.slf4j.LoggerFactory;
import org.swarmsync.api.discovery.DiscoveredPeer;
import org.swarmsync.api.discovery.PeerId;

/**
 * Keeps one folder connected to the peers discovery reports: dials each address that has no
 * live session, over the best transport, and redials with jittered exponential back-off.
 * A peer already connected (by its id, learnt from discovery or from an earlier session) is
 * not dialled again, and neither are we.
 */
final class Dialer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dialer.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    private static final long TICK_MILLIS = 250;

    /** Opens a session to an address; returns the live session's handle, or throws. */
    interface Connector {
        SessionHandle dial(InetSocketAddress address) throws Exception;
    }

    /** What the dialer needs to know of a session it started. */
    interface SessionHandle {
        boolean isOpen();

        Optional<PeerId> peer();
    }

    private final String name;
    private final PeerId self;
    private final Connector connector;
    private final Supplier<Set<PeerId>> connected;
    private final Map<InetSocketAddress, Candidate> candidates = new ConcurrentHashMap<>();
    private final ExecutorService dials;
    private final Thread loop;
    private volatile boolean running = true;

    Dialer(String name, PeerId self, Connector connector, Supplier<Set<PeerId>> connected) {
        this.name = name;
        this.self = self;
        this.connector = connector;
        this.connected = connected;
        this.dials = Executors.newFixedThreadPool(4, Threads.named("swarmsync-dial " + name));
        this.loop = Threads.named("swarmsync-dialer " + name).newThread(this::run);
        loop.start();
    }

    /** A discovery source saw a peer. Any thread. */
    void offer(DiscoveredPeer peer) {
        if (peer.peerId().filter(self::equals).isPresent() || !running) {
            return;
        }
        boolean fresh = !candidates.containsKey(peer.address());
        Candidate candidate = candidates.computeIfAbsent(peer.address(), Candidate::new);
        candidate.seen = System.nanoTime();
        peer.peerId().ifPresent(id -> candidate.peer = id);
        if (fresh) {
            LockSupport.unpark(loop); // dial a new peer now, not at the next tick
        }
    }

    private void run() {
        while (running) {
            long now = System.nanoTime();
            Set<PeerId> live = connected.get();
            candidates.values().removeIf(c -> now - c.seen > FORGET_AFTER.toNanos() && !c.busy);
            for (Candidate c : candidates.values()) {
                if (c.session != null) {
                    c.session.peer().ifPresent(id -> c.peer = id); // learnt once it authenticated
                }
                if (c.busy || now < c.nextAttempt || (c.session != null && c.session.isOpen())) {
                    continue;
                }
                if (c.peer != null && (c.peer.equals(self) || live.contains(c.peer))) {
                    continue;
                }
                c.busy = true;
                dials.execute(() -> attempt(c));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS)); // close() interrupts, offer() unparks
        }
    }

    private void attempt(Candidate c) {
        try {
            c.session = connector.dial(c.address);
            c.backoff = FIRST_BACKOFF.toNanos();
            c.nextAttempt = System.nanoTime() + c.backoff;
        } catch (Exception | LinkageError e) {
            // LinkageError: a transport whose bundle was uninstalled and refreshed mid-dial
            LOG.debug("{}: dialling {} failed: {}", name, c.address, e.getMessage());
            c.backoff = Math.min(c.backoff * 2, MAX_BACKOFF.toNanos());
            long jitter = ThreadLocalRandom.current().nextLong(c.backoff / 4 + 1);
            c.nextAttempt = System.nanoTime() + c.backoff + jitter;
        } finally {
            c.busy = false;
        }
    }

    @Override
    public void close() {
        running = false;
        loop.interrupt();
        dials.shutdownNow();
    }

    /** One address to keep connected. Fields are touched by the loop and one dial at a time. */
    private static final class Candidate {
        final InetSocketAddress address;
        volatile long seen;
        volatile PeerId peer;
        volatile SessionHandle session;
        volatile boolean busy;
        volatile long nextAttempt;
        volatile long backoff = FIRST_BACKOFF.toNanos();

        Candidate(InetSocketAddress address) {
            this.address = address;
        }
    }
}
