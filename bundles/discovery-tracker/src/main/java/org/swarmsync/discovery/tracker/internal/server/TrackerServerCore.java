package org.swarmsync.discovery.tracker.internal.server;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.swarmsync.api.secrets.ShareHash;
import org.swarmsync.discovery.tracker.internal.wire.Drop;
import org.swarmsync.discovery.tracker.internal.wire.DropCounters;
import org.swarmsync.discovery.tracker.internal.wire.Endpoint;
import org.swarmsync.discovery.tracker.internal.wire.GetPeers;
import org.swarmsync.discovery.tracker.internal.wire.PeersReply;
import org.swarmsync.discovery.tracker.internal.wire.ReplyPeer;
import org.swarmsync.discovery.tracker.internal.wire.TrackerWire;
import org.swarmsync.discovery.tracker.internal.wire.WireException;

/**
 * The tracker server without I/O: fed one datagram, its source and the time, it returns the
 * reply to send back to that source, or nothing.
 *
 * <p>Safety rules: a reply only ever goes to the datagram's own source (the caller sends it
 * there); nothing is answered that fails validation or exceeds the source's rate; and a reply
 * is never larger than {@link ServerLimits#maxAmplification()} times its request nor
 * {@link ServerLimits#maxReplyBytes()}, so a spoofed request cannot be turned into a flood.
 * Methods are synchronized so metrics can be read from any thread; one loop thread feeds it.
 */
public final class TrackerServerCore {

    private static final Endpoint NO_ADDRESS = new Endpoint(0, 0);

    private final ServerLimits limits;
    private final RandomGenerator random;
    private final PeerTable table;
    private final SourceRateLimiter rates;
    private final DropCounters drops = new DropCounters();
    private long received;
    private long answered;

    /**
     * @param limits bounds and rates
     * @param random picks where in a share's list a reply starts
     */
    public TrackerServerCore(ServerLimits limits, RandomGenerator random) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.random = Objects.requireNonNull(random, "random");
        this.table = new PeerTable(limits);
        this.rates = new SourceRateLimiter(limits.ratePerSecond(), limits.burst(), limits.maxSources());
    }

    /**
     * Handles one datagram.
     *
     * @param buf the receive buffer
     * @param length the datagram's length (a value above {@link TrackerWire#MAX_REQUEST_BYTES}
     *        means it was longer and got truncated)
     * @param source where it came from
     * @param nowMillis the wall clock, Unix milliseconds
     * @return the reply to send to {@code source}, if any
     */
    public synchronized Optional<byte[]> handle(byte[] buf, int length, InetSocketAddress source, long nowMillis) {
        received++;
        Optional<Endpoint> from = Endpoint.of(source);
        if (from.isEmpty()) {
            drops.increment(Drop.WRONG_FAMILY);
            return Optional.empty();
        }
        GetPeers request;
        try {
            request = TrackerWire.decodeGetPeers(buf, length);
        } catch (WireException e) {
            drops.increment(e.reason());
            return Optional.empty();
        }
        Endpoint seen = from.get();
        if (!rates.tryAcquire(seen.ip(), nowMillis)) {
            drops.increment(Drop.RATE_LIMITED);
            return Optional.empty();
        }
        // Our extension: a peer whose transports listen elsewhere than this socket says where.
        Endpoint listening = request.port().isPresent() ? seen.withPort(request.port().getAsInt()) : seen;
        ShareKey key = ShareKey.of(request.share());
        long time = Math.floorDiv(nowMillis, 1000L);
        int budget = Math.min(limits.maxReplyBytes(), limits.maxAmplification() * length);
        int empty = TrackerWire.emptyReplyLength(time);
        int fit = Math.max(0, (budget - empty) / TrackerWire.PEER_ENTRY_BYTES);
        List<ReplyPeer> peers = table.peers(key, request.peer(), Math.min(fit, limits.maxPeersPerReply()),
                nowMillis, random);
        table.announce(key, request.peer(), listening, request.local().orElse(NO_ADDRESS), nowMillis);
        answered++;
        return Optional.of(TrackerWire.encode(new PeersReply(request.share(), time, seen, peers)));
    }

    /** @return the counters and table sizes now */
    public synchronized ServerMetrics metrics() {
        return new ServerMetrics(received, answered, drops.snapshot(), table.shareCount(), table.peerCount(),
                table.evictedPeers(), rates.trackedSources());
    }

    /** @return the limits this core enforces */
    public ServerLimits limits() {
        return limits;
    }

    /** For tests: how many peers the table holds for a share. */
    synchronized int peersOf(ShareHash share) {
        return table.peersOf(share);
    }
}
