package org.swarmsync.discovery.lan.internal;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.swarmsync.api.discovery.DiscoveredPeer;
import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.discovery.PeerListener;
import org.swarmsync.api.secrets.ShareHash;

/**
 * LAN discovery without I/O: holds the announced shares, says which pings are due, and turns
 * a received datagram into peers to report and answers to send back to its source.
 *
 * <p>Answer rules: only a ping heard on the multicast group is answered (never a unicast
 * one, so two nodes cannot ping-pong), only for a share we announce, only to the datagram's
 * source, with a ping of the same size (no amplification), and at most once per source
 * (address and port) and share per {@code replyGap}. Synchronized: announcements come and go
 * from any thread while the beacon's thread feeds datagrams.
 */
final class LanCore {

    /** Source and share pairs remembered for the reply gap; the oldest is forgotten first. */
    static final int MAX_REPLY_MEMORY = 4096;

    private static final String SOURCE = "lan";
    private static final long MIN_REFRESH_GAP_MILLIS = 1_000;

    /** One announced share. */
    static final class Registration {
        final ShareHash share;
        final PeerId self;
        final int port;
        final PeerListener listener;
        final byte[] ping;
        long nextAt;
        long lastSentAt = Long.MIN_VALUE / 2;
        volatile boolean closed;

        Registration(ShareHash share, PeerId self, int port, PeerListener listener, long now) {
            this.share = share;
            this.self = self;
            this.port = port;
            this.listener = listener;
            this.ping = LanWire.encode(new Ping(self, port, share));
            this.nextAt = now;
        }
    }

    /** What to do about one datagram. */
    record Outcome(List<Report> reports, List<byte[]> replies) {
        static final Outcome NOTHING = new Outcome(List.of(), List.of());
    }

    /** A peer for one registration's listener. */
    record Report(Registration registration, DiscoveredPeer peer) {
    }

    private record ReplyKey(InetSocketAddress source, ShareHash share) {
    }

    private final long intervalMillis;
    private final long replyGapMillis;
    private final RandomGenerator random;
    private final List<Registration> registrations = new ArrayList<>();
    private final LinkedHashMap<ReplyKey, Long> lastReplies = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<LanDrop, Long> drops = new EnumMap<>(LanDrop.class);
    private long pingsSent;
    private long received;
    private long reported;
    private long repliesSent;
    private long repliesSuppressed;
    private long ignoredOwn;
    private long ignoredNotHeld;

    LanCore(long intervalMillis, long replyGapMillis, RandomGenerator random) {
        this.intervalMillis = intervalMillis;
        this.replyGapMillis = replyGapMillis;
        this.random = random;
    }

    synchronized Registration add(ShareHash share, PeerId self, int port, PeerListener listener, long now) {
        Registration r = new Registration(share, self, port, listener, now);
        registrations.add(r);
        return r;
    }

    synchronized void remove(Registration r) {
        r.closed = true;
        registrations.remove(r);
    }

    synchronized void refresh(Registration r, long now) {
        r.nextAt = Math.min(r.nextAt, Math.max(now, r.lastSentAt + MIN_REFRESH_GAP_MILLIS));
    }

    /** @return the pings due now (each once, whatever the number of interfaces); schedules the next round */
    synchronized List<byte[]> duePings(long now) {
        List<byte[]> due = new ArrayList<>();
        for (Registration r : registrations) {
            if (now >= r.nextAt) {
                due.add(r.ping);
                r.lastSentAt = now;
                // +-10 % so that nodes started together drift apart.
                r.nextAt = now + Math.max(1, Math.round(intervalMillis * (0.9 + 0.2 * random.nextDouble())));
            }
        }
        return due;
    }

    /** @return when the next ping is due, or {@code Long.MAX_VALUE} if nothing is announced */
    synchronized long nextDue() {
        long next = Long.MAX_VALUE;
        for (Registration r : registrations) {
            next = Math.min(next, r.nextAt);
        }
        return next;
    }

    synchronized void countPingSent() {
        pingsSent++;
    }

    /**
     * @param viaGroup whether it arrived on the multicast socket (only those are answered)
     * @return the peers to report and the answers to send to {@code source}
     */
    synchronized Outcome onDatagram(byte[] buf, int length, InetSocketAddress source, boolean viaGroup, long now) {
        received++;
        if (!(source.getAddress() instanceof Inet4Address)) {
            count(LanDrop.WRONG_FAMILY);
            return Outcome.NOTHING;
        }
        Ping ping;
        try {
            ping = LanWire.decode(buf, length);
        } catch (LanWireException e) {
            count(e.reason());
            return Outcome.NOTHING;
        }
        List<Registration> holders = new ArrayList<>();
        boolean own = false;
        for (Registration r : registrations) {
            if (r.share.equals(ping.share())) {
                if (r.self.equals(ping.peer())) {
                    own = true;
                } else {
                    holders.add(r);
                }
            }
        }
        if (holders.isEmpty()) {
            if (own) {
                // Our own ping, looped back: never a peer.
                ignoredOwn++;
            } else {
                ignoredNotHeld++;
            }
            return Outcome.NOTHING;
        }
        Instant seen = Instant.now();
        InetSocketAddress at = new InetSocketAddress(source.getAddress(), ping.port());
        List<Report> reports = new ArrayList<>(holders.size());
        for (Registration r : holders) {
            reports.add(new Report(r, new DiscoveredPeer(ping.share(), at, Optional.of(ping.peer()), SOURCE, seen)));
        }
        reported += reports.size();
        List<byte[]> replies = List.of();
        // A ping from one of our own identities is reported to the others, but never answered.
        if (viaGroup && !own) {
            if (mayReply(new ReplyKey(source, ping.share()), now)) {
                replies = new ArrayList<>(holders.size());
                for (Registration r : holders) {
                    replies.add(r.ping);
                }
                repliesSent += replies.size();
            } else {
                repliesSuppressed++;
            }
        }
        return new Outcome(reports, replies);
    }

    private boolean mayReply(ReplyKey key, long now) {
        Long last = lastReplies.get(key);
        if (last != null && now - last < replyGapMillis) {
            return false;
        }
        lastReplies.put(key, now);
        if (lastReplies.size() > MAX_REPLY_MEMORY) {
            Iterator<ReplyKey> eldest = lastReplies.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return true;
    }

    private void count(LanDrop reason) {
        drops.merge(reason, 1L, Long::sum);
    }

    synchronized LanMetrics metrics() {
        return new LanMetrics(pingsSent, received, reported, repliesSent, repliesSuppressed, ignoredOwn,
                ignoredNotHeld, drops);
    }
}
