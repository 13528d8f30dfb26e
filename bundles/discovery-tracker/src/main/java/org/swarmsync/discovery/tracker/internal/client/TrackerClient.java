package org.swarmsync.discovery.tracker.internal.client;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.api.discovery.Announcement;
import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.discovery.PeerListener;
import org.swarmsync.api.secrets.ShareHash;
import org.swarmsync.discovery.tracker.internal.wire.Drop;
import org.swarmsync.discovery.tracker.internal.wire.DropCounters;
import org.swarmsync.discovery.tracker.internal.wire.Endpoint;
import org.swarmsync.discovery.tracker.internal.wire.GetPeers;
import org.swarmsync.discovery.tracker.internal.wire.PeersReply;
import org.swarmsync.discovery.tracker.internal.wire.TrackerWire;
import org.swarmsync.discovery.tracker.internal.wire.WireException;

/**
 * Announces shares to UDP trackers and reports the peers they list.
 *
 * <p>One socket serves every announcement. It is opened lazily, on the client's own scheduler
 * thread, when the first request is due, so that a node with no announcement (or no tracker)
 * sends nothing and holds no socket. A receive thread validates each reply and accepts it only
 * from the address a request for that share went to, while that request is unanswered.
 *
 * <p>Requests carry our {@code port} extension: the client's socket is not the one our
 * transports listen on, so the tracker cannot learn the listening port from the source port.
 */
public final class TrackerClient implements AutoCloseable {

    /** The {@code discovery.source} name. */
    public static final String SOURCE = "tracker";

    private static final Logger LOG = LoggerFactory.getLogger(TrackerClient.class);
    private static final long REOPEN_MILLIS = 30_000;
    private static final long MAX_SLEEP_MILLIS = 60_000;
    private static final long JOIN_MILLIS = 2_000;

    private final ClientOptions options;
    private final List<TrackerAddress> trackers;
    private final InetSocketAddress bind;
    private final RandomGenerator random;
    private final Object lock = new Object();
    private final List<TrackerAnnouncement> announcements = new ArrayList<>();
    private final DropCounters drops = new DropCounters();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> tick;
    private DatagramChannel channel;
    private Thread receiver;
    private boolean closed;

    /**
     * Creates a client; nothing runs until the first announcement.
     *
     * @param options intervals and back-off
     * @param trackers the trackers to announce to; empty means announcements do nothing
     * @param bind the local address of the client's socket (port 0 for any)
     * @param random jitter source; used under the client's lock only
     */
    public TrackerClient(ClientOptions options, List<TrackerAddress> trackers, InetSocketAddress bind,
            RandomGenerator random) {
        this.options = options;
        this.trackers = List.copyOf(trackers);
        this.bind = bind;
        this.random = random;
    }

    /**
     * Starts announcing; returns at once.
     *
     * @see org.swarmsync.api.discovery.PeerDiscovery#announce
     */
    public Announcement announce(ShareHash share, PeerId self, int listenPort, PeerListener listener) {
        if (listenPort < 1 || listenPort > 65_535) {
            throw new IllegalArgumentException("listen port out of range: " + listenPort);
        }
        long now = monotonicMillis();
        List<TrackerAnnouncement.Slot> slots = new ArrayList<>();
        synchronized (lock) {
            for (TrackerAddress t : trackers) {
                slots.add(new TrackerAnnouncement.Slot(t, new AnnounceSchedule(options, random, now)));
            }
            TrackerAnnouncement a = new TrackerAnnouncement(this, share, self, listenPort, listener, slots);
            if (closed || trackers.isEmpty()) {
                // Nothing to ask: a valid announcement that reports nothing.
                a.markClosed();
                return a;
            }
            announcements.add(a);
            if (scheduler == null) {
                scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "swarmsync-tracker-client"));
            }
            scheduleTick(0);
            return a;
        }
    }

    /** @return the counters now */
    public ClientMetrics metrics() {
        return new ClientMetrics(sent.get(), received.get(), accepted.get(), drops.snapshot());
    }

    /** @return the client socket's address, once it is open */
    public Optional<InetSocketAddress> localAddress() {
        synchronized (lock) {
            try {
                return channel == null ? Optional.empty()
                        : Optional.of((InetSocketAddress) channel.getLocalAddress());
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }

    void refresh(TrackerAnnouncement a) {
        long now = monotonicMillis();
        synchronized (lock) {
            for (TrackerAnnouncement.Slot s : a.slots) {
                s.schedule.refresh(now);
            }
            scheduleTick(0);
        }
    }

    void remove(TrackerAnnouncement a) {
        synchronized (lock) {
            announcements.remove(a);
        }
    }

    /** Stops everything: announcements, the scheduler, the socket and the receive thread. Idempotent. */
    @Override
    public void close() {
        ScheduledExecutorService s;
        DatagramChannel ch;
        Thread rx;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            announcements.forEach(TrackerAnnouncement::markClosed);
            announcements.clear();
            s = scheduler;
            ch = channel;
            rx = receiver;
        }
        if (s != null) {
            s.shutdownNow();
        }
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.debug("closing tracker client socket: {}", e.toString());
            }
        }
        try {
            if (s != null) {
                s.awaitTermination(JOIN_MILLIS, TimeUnit.MILLISECONDS);
            }
            if (rx != null && rx != Thread.currentThread()) {
                rx.join(JOIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // Guarded by lock. Ticks are idempotent, so an extra one is harmless; a later pending one is replaced.
    private void scheduleTick(long delayMillis) {
        if (closed || scheduler == null) {
            return;
        }
        if (tick != null && !tick.isDone()) {
            if (tick.getDelay(TimeUnit.MILLISECONDS) <= delayMillis) {
                return;
            }
            tick.cancel(false);
        }
        tick = scheduler.schedule(this::tick, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            long now = monotonicMillis();
            List<Due> due = new ArrayList<>();
            synchronized (lock) {
                // This tick is running: whatever is scheduled from now on needs a tick of its own.
                tick = null;
                for (TrackerAnnouncement a : announcements) {
                    for (TrackerAnnouncement.Slot s : a.slots) {
                        if (s.schedule.isDue(now)) {
                            due.add(new Due(a, s));
                        }
                    }
                }
            }
            if (!due.isEmpty() && !ensureChannel()) {
                synchronized (lock) {
                    scheduleTick(REOPEN_MILLIS);
                }
                return;
            }
            for (Due d : due) {
                send(d, now);
            }
            synchronized (lock) {
                long next = Long.MAX_VALUE;
                for (TrackerAnnouncement a : announcements) {
                    for (TrackerAnnouncement.Slot s : a.slots) {
                        next = Math.min(next, s.schedule.nextAt());
                    }
                }
                if (next != Long.MAX_VALUE) {
                    scheduleTick(Math.min(MAX_SLEEP_MILLIS, Math.max(0, next - monotonicMillis())));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("tracker client round failed", e);
            synchronized (lock) {
                scheduleTick(REOPEN_MILLIS);
            }
        }
    }

    private record Due(TrackerAnnouncement announcement, TrackerAnnouncement.Slot slot) {
    }

    private void send(Due d, long now) {
        TrackerAnnouncement a = d.announcement();
        // Resolved each round (outside the lock: DNS may block) so a tracker may move.
        InetSocketAddress to = resolve(d.slot().tracker);
        Optional<Endpoint> local = to == null ? Optional.empty() : localToward(to, a.listenPort);
        DatagramChannel ch;
        synchronized (lock) {
            if (a.isClosed()) {
                return;
            }
            d.slot().schedule.sent(now);
            d.slot().resolved = to;
            ch = channel;
        }
        if (to == null || ch == null) {
            return;
        }
        byte[] datagram = TrackerWire.encode(new GetPeers(a.self, a.share, local, OptionalInt.of(a.listenPort)));
        try {
            ch.send(ByteBuffer.wrap(datagram), to);
            sent.incrementAndGet();
        } catch (IOException e) {
            LOG.debug("request to tracker {} failed: {}", d.slot().tracker, e.toString());
        }
    }

    private static InetSocketAddress resolve(TrackerAddress tracker) {
        try {
            for (InetAddress a : InetAddress.getAllByName(tracker.host())) {
                if (a instanceof Inet4Address) {
                    return new InetSocketAddress(a, tracker.port());
                }
            }
            LOG.debug("tracker {} has no IPv4 address", tracker);
        } catch (UnknownHostException e) {
            LOG.debug("tracker {} does not resolve", tracker);
        }
        return null;
    }

    /** The address our packets to {@code to} leave from: a connected probe socket sends nothing. */
    private Optional<Endpoint> localToward(InetSocketAddress to, int listenPort) {
        if (bind.getAddress() instanceof Inet4Address v4 && !v4.isAnyLocalAddress()) {
            return Optional.of(Endpoint.of(v4, listenPort));
        }
        try (DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET)) {
            probe.connect(to);
            if (((InetSocketAddress) probe.getLocalAddress()).getAddress() instanceof Inet4Address v4
                    && !v4.isAnyLocalAddress()) {
                return Optional.of(Endpoint.of(v4, listenPort));
            }
        } catch (IOException e) {
            LOG.debug("no route to tracker {}: {}", to, e.toString());
        }
        return Optional.empty();
    }

    private boolean ensureChannel() {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            if (channel != null) {
                return true;
            }
            try {
                DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
                try {
                    ch.bind(bind);
                } catch (IOException | RuntimeException e) {
                    ch.close();
                    throw e;
                }
                channel = ch;
                receiver = daemon(() -> receive(ch), "swarmsync-tracker-client-rx");
                receiver.start();
                return true;
            } catch (IOException e) {
                LOG.warn("cannot open the tracker client socket on {}: {}", bind, e.toString());
                return false;
            }
        }
    }

    private void receive(DatagramChannel ch) {
        ByteBuffer buf = ByteBuffer.allocate(TrackerWire.MAX_REPLY_BYTES + 1);
        while (ch.isOpen()) {
            SocketAddress from;
            try {
                buf.clear();
                from = ch.receive(buf);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.debug("tracker client receive failed: {}", e.toString());
                continue;
            }
            received.incrementAndGet();
            try {
                onDatagram(buf.array(), buf.position(), (InetSocketAddress) from);
            } catch (RuntimeException e) {
                LOG.warn("tracker reply handling failed", e);
            }
        }
    }

    /** Validates one datagram and, if it answers an outstanding request, reports its peers. */
    void onDatagram(byte[] buf, int length, InetSocketAddress from) {
        PeersReply reply;
        try {
            reply = TrackerWire.decodePeers(buf, length);
        } catch (WireException e) {
            drops.increment(e.reason());
            LOG.debug("dropped datagram from {}: {}", from, e.getMessage());
            return;
        }
        long now = monotonicMillis();
        List<TrackerAnnouncement> targets = new ArrayList<>();
        synchronized (lock) {
            for (TrackerAnnouncement a : announcements) {
                if (!a.share.equals(reply.share())) {
                    continue;
                }
                for (TrackerAnnouncement.Slot s : a.slots) {
                    if (from.equals(s.resolved) && s.schedule.replied(now)) {
                        targets.add(a);
                        break;
                    }
                }
            }
        }
        if (targets.isEmpty()) {
            drops.increment(Drop.UNSOLICITED);
            return;
        }
        accepted.incrementAndGet();
        Instant seen = Instant.now();
        for (TrackerAnnouncement a : targets) {
            a.report(reply, seen);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static long monotonicMillis() {
        return System.nanoTime() / 1_000_000L;
    }
}
