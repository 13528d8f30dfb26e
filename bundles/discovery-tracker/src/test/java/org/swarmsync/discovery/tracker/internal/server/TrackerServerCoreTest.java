package org.swarmsync.discovery.tracker.internal.server;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.Test;
import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.secrets.ShareHash;
import org.swarmsync.codec.bencode.BDict;
import org.swarmsync.discovery.tracker.internal.wire.Drop;
import org.swarmsync.discovery.tracker.internal.wire.Endpoint;
import org.swarmsync.discovery.tracker.internal.wire.GetPeers;
import org.swarmsync.discovery.tracker.internal.wire.PeersReply;
import org.swarmsync.discovery.tracker.internal.wire.ReplyPeer;
import org.swarmsync.discovery.tracker.internal.wire.TrackerWire;

public class TrackerServerCoreTest {

    static final long T0 = 1_750_000_000_000L;
    static final ShareHash SHARE = share(1);

    private final TrackerServerCore core = new TrackerServerCore(ServerLimits.DEFAULTS, new SplittableRandom(7));

    @Test
    public void secondPeerLearnsFirstWithExternalAndLocalAddressAndItsOwnEa() throws Exception {
        PeersReply first = ask(core, peer(1), SHARE, src("10.0.0.1", 40001), Optional.of(ep("192.168.1.5", 3838)),
                OptionalInt.empty(), T0);
        assertTrue(first.peers().isEmpty());
        assertEquals(ep("10.0.0.1", 40001), first.external());
        assertEquals(SHARE, first.share());
        assertEquals(T0 / 1000, first.time());

        PeersReply second = ask(core, peer(2), SHARE, src("10.0.0.2", 40002), Optional.empty(), OptionalInt.empty(),
                T0 + 1000);
        assertEquals(List.of(new ReplyPeer(ep("10.0.0.1", 40001), ep("192.168.1.5", 3838), peer(1))), second.peers());
        assertEquals(ep("10.0.0.2", 40002), second.external());

        PeersReply again = ask(core, peer(1), SHARE, src("10.0.0.1", 40001), Optional.empty(), OptionalInt.empty(),
                T0 + 2000);
        assertEquals("a peer never gets itself back, and a missing la reads as zero",
                List.of(new ReplyPeer(ep("10.0.0.2", 40002), new Endpoint(0, 0), peer(2))), again.peers());
    }

    @Test
    public void portExtensionReplacesTheSourcePortButEaStaysAsSeen() throws Exception {
        ask(core, peer(1), SHARE, src("10.0.0.1", 50000), Optional.empty(), OptionalInt.of(4444), T0);
        PeersReply reply = ask(core, peer(2), SHARE, src("10.0.0.2", 50001), Optional.empty(), OptionalInt.of(5555),
                T0);
        assertEquals(ep("10.0.0.1", 4444), reply.peers().get(0).address());
        assertEquals(ep("10.0.0.2", 50001), reply.external());
    }

    @Test
    public void sharesAreSeparate() throws Exception {
        ask(core, peer(1), SHARE, src("10.0.0.1", 1), Optional.empty(), OptionalInt.empty(), T0);
        PeersReply other = ask(core, peer(2), share(2), src("10.0.0.2", 2), Optional.empty(), OptionalInt.empty(), T0);
        assertTrue(other.peers().isEmpty());
    }

    @Test
    public void entriesExpireAfterTheTtlAndTheirSharesGoToo() throws Exception {
        TrackerServerCore shortLived = new TrackerServerCore(ServerLimits.DEFAULTS.withTtlSeconds(60),
                new SplittableRandom(1));
        ask(shortLived, peer(1), SHARE, src("10.0.0.1", 1), Optional.empty(), OptionalInt.empty(), T0);
        ask(shortLived, peer(9), share(9), src("10.0.0.9", 9), Optional.empty(), OptionalInt.empty(), T0);
        PeersReply within = ask(shortLived, peer(2), SHARE, src("10.0.0.2", 2), Optional.empty(), OptionalInt.empty(),
                T0 + 59_000);
        assertEquals(1, within.peers().size());
        PeersReply after = ask(shortLived, peer(3), SHARE, src("10.0.0.3", 3), Optional.empty(), OptionalInt.empty(),
                T0 + 61_000);
        assertEquals("peer 1 expired, peer 2 (seen at +59 s) is still listed",
                List.of(peer(2)), after.peers().stream().map(ReplyPeer::peer).toList());
        assertEquals("share 9 expired as a whole", 1, shortLived.metrics().shares());
        assertEquals(2, shortLived.metrics().peers());
    }

    @Test
    public void hostileDatagramsAreDroppedCountedAndTheServerKeepsServing() throws Exception {
        InetSocketAddress from = src("10.0.0.1", 7);
        feed(core, from, "no magic at all".getBytes(StandardCharsets.US_ASCII));
        feed(core, from, new byte[] {'B', 'S', 'Y'});
        byte[] valid = request(peer(1), SHARE, Optional.empty(), OptionalInt.empty());
        feed(core, from, Arrays.copyOf(valid, valid.length - 1));
        feed(core, from, datagram("d1:m9:get_peers4:peer20:" + "x".repeat(20) + "5:share20:" + "x".repeat(20) + "e"));
        feed(core, from, datagram("d1:mi4e4:peer20:" + "x".repeat(20) + "5:share32:" + "x".repeat(32) + "e"));
        feed(core, from, datagram("d1:m9:get_peers4:peeri5e5:share32:" + "x".repeat(32) + "e"));
        feed(core, from, new byte[TrackerWire.MAX_REQUEST_BYTES + 1]);
        byte[] huge = Arrays.copyOf(valid, TrackerWire.MAX_REQUEST_BYTES + 1);
        feed(core, from, huge);
        feed(core, new InetSocketAddress(InetAddress.getByName("::1"), 7), valid);

        ServerMetrics m = core.metrics();
        assertEquals(9, m.received());
        assertEquals(0, m.answered());
        assertEquals("no magic, too short, zeros", 3, m.dropped(Drop.NOT_BSYNC));
        assertEquals(1, m.dropped(Drop.MALFORMED));
        assertEquals(2, m.dropped(Drop.BAD_FIELD));
        assertEquals(1, m.dropped(Drop.WRONG_MESSAGE));
        assertEquals(1, m.dropped(Drop.OVERSIZED));
        assertEquals(1, m.dropped(Drop.WRONG_FAMILY));
        assertEquals(9, m.totalDropped());
        assertEquals(0, m.shares());

        assertTrue(core.handle(valid, valid.length, from, T0).isPresent());
        assertEquals(1, core.metrics().answered());
    }

    @Test
    public void aFloodFromOneSourceIsCutToItsBurstAndRefillsAtItsRate() {
        ServerLimits limits = ServerLimits.DEFAULTS.withRate(2.0, 5, 100);
        TrackerServerCore limited = new TrackerServerCore(limits, new SplittableRandom(1));
        byte[] valid = request(peer(1), SHARE, Optional.empty(), OptionalInt.empty());
        InetSocketAddress attacker = src("10.9.9.9", 1);
        int answered = 0;
        for (int i = 0; i < 10_000; i++) {
            answered += limited.handle(valid, valid.length, attacker, T0).isPresent() ? 1 : 0;
        }
        assertEquals(5, answered);
        assertEquals(9_995, limited.metrics().dropped(Drop.RATE_LIMITED));
        assertTrue("another source is not affected",
                limited.handle(valid, valid.length, src("10.1.1.1", 1), T0).isPresent());
        assertFalse(limited.handle(valid, valid.length, attacker, T0 + 400).isPresent());
        assertTrue("2 per second: one token back after 500 ms",
                limited.handle(valid, valid.length, attacker, T0 + 500).isPresent());
    }

    @Test
    public void aFullRateTableRefusesNewSourcesUntilAnOldOneIsQuietAgain() {
        SourceRateLimiter limiter = new SourceRateLimiter(1.0, 2, 3);
        assertTrue(limiter.tryAcquire(1, T0));
        assertTrue(limiter.tryAcquire(2, T0));
        assertTrue(limiter.tryAcquire(3, T0));
        assertFalse("full of sources that have spent tokens", limiter.tryAcquire(4, T0));
        assertEquals(3, limiter.trackedSources());
        assertTrue("source 1 refilled after a second and may be forgotten", limiter.tryAcquire(4, T0 + 1000));
        assertEquals(3, limiter.trackedSources());
    }

    @Test
    public void repliesStayWithinTheAmplificationAndSizeBoundsHoweverManyPeersAShareHas() {
        for (int i = 0; i < 50; i++) {
            ask(core, peer(100 + i), SHARE, src("10.0." + i + ".1", 1000 + i), Optional.of(ep("192.168.0.1", 1)),
                    OptionalInt.of(2000), T0);
        }
        byte[] small = request(peer(1), SHARE, Optional.empty(), OptionalInt.empty());
        byte[] reply = core.handle(small, small.length, src("10.7.7.7", 1), T0).orElseThrow();
        assertTrue(reply.length + " vs request " + small.length,
                reply.length <= ServerLimits.DEFAULTS.maxAmplification() * small.length);
        assertTrue(reply.length <= ServerLimits.DEFAULTS.maxReplyBytes());

        byte[] padded = TrackerWire.frame(BDict.builder()
                .putUtf8("m", "get_peers").put("peer", peer(2).toBytes()).put("share", SHARE.toBytes())
                .put("zpad", new byte[200]).build());
        byte[] big = core.handle(padded, padded.length, src("10.7.7.8", 1), T0).orElseThrow();
        assertTrue(big.length <= ServerLimits.DEFAULTS.maxReplyBytes());
        int peers = parse(big).peers().size();
        assertEquals("a big request gets the per-reply cap", ServerLimits.DEFAULTS.maxPeersPerReply(), peers);
    }

    @Test
    public void aShareNeverHoldsMoreThanItsBoundAndDropsItsOldestFirst() {
        TrackerServerCore small = new TrackerServerCore(ServerLimits.DEFAULTS.withTable(10, 3, 20),
                new SplittableRandom(1));
        for (int i = 1; i <= 5; i++) {
            ask(small, peer(i), SHARE, src("10.0.0." + i, i), Optional.empty(), OptionalInt.empty(), T0 + i);
        }
        assertEquals(3, small.peersOf(SHARE));
        PeersReply r = ask(small, peer(9), SHARE, src("10.0.0.9", 9), Optional.empty(), OptionalInt.empty(), T0 + 9);
        Set<PeerId> listed = new HashSet<>(r.peers().stream().map(ReplyPeer::peer).toList());
        assertEquals(Set.of(peer(3), peer(4), peer(5)), listed);
        assertEquals(3, small.metrics().evictedPeers());
    }

    @Test
    public void aPeerIdFromAnotherAddressIsANewEntryNotAnOverwrite() {
        ask(core, peer(1), SHARE, src("10.0.0.1", 1), Optional.empty(), OptionalInt.empty(), T0);
        ask(core, peer(1), SHARE, src("10.6.6.6", 6), Optional.empty(), OptionalInt.empty(), T0);
        PeersReply r = ask(core, peer(2), SHARE, src("10.0.0.2", 2), Optional.empty(), OptionalInt.empty(), T0);
        assertEquals(Set.of(ep("10.0.0.1", 1), ep("10.6.6.6", 6)),
                new HashSet<>(r.peers().stream().map(ReplyPeer::address).toList()));
    }

    @Test
    public void theTableHoldsNoMoreSharesOrPeersThanItsBounds() {
        TrackerServerCore small = new TrackerServerCore(ServerLimits.DEFAULTS.withTable(4, 5, 12),
                new SplittableRandom(1));
        for (int s = 0; s < 10; s++) {
            for (int p = 0; p < 5; p++) {
                ask(small, peer(p), share(s), src("10.0." + s + "." + p, 1), Optional.empty(), OptionalInt.empty(),
                        T0 + s * 10 + p);
                ServerMetrics m = small.metrics();
                assertTrue(m.shares() <= 4);
                assertTrue(m.peers() <= 12);
            }
        }
        assertEquals("the newest share is whole", 5, small.peersOf(share(9)));
        assertEquals("the oldest shares went first", 0, small.peersOf(share(0)));
    }

    // --- helpers shared with the soak test ---

    static PeersReply ask(TrackerServerCore core, PeerId peer, ShareHash share, InetSocketAddress from,
            Optional<Endpoint> la, OptionalInt port, long now) {
        byte[] d = request(peer, share, la, port);
        return parse(core.handle(d, d.length, from, now).orElseThrow(() -> new AssertionError("no reply")));
    }

    static PeersReply parse(byte[] reply) {
        try {
            return TrackerWire.decodePeers(reply, reply.length);
        } catch (Exception e) {
            throw new AssertionError("reply does not parse: " + e.getMessage(), e);
        }
    }

    static byte[] request(PeerId peer, ShareHash share, Optional<Endpoint> la, OptionalInt port) {
        return TrackerWire.encode(new GetPeers(peer, share, la, port));
    }

    private static void feed(TrackerServerCore core, InetSocketAddress from, byte[] d) {
        assertFalse(core.handle(d, d.length, from, T0).isPresent());
    }

    static byte[] datagram(String bencode) {
        byte[] body = bencode.getBytes(StandardCharsets.ISO_8859_1);
        byte[] d = new byte[6 + body.length];
        System.arraycopy("BSYNC\0".getBytes(StandardCharsets.ISO_8859_1), 0, d, 0, 6);
        System.arraycopy(body, 0, d, 6, body.length);
        return d;
    }

    static PeerId peer(int n) {
        byte[] b = new byte[PeerId.LENGTH];
        b[0] = (byte) (n >>> 24);
        b[1] = (byte) (n >>> 16);
        b[2] = (byte) (n >>> 8);
        b[3] = (byte) n;
        b[19] = 1;
        return PeerId.of(b);
    }

    static ShareHash share(int n) {
        byte[] b = new byte[ShareHash.LENGTH];
        b[28] = (byte) (n >>> 24);
        b[29] = (byte) (n >>> 16);
        b[30] = (byte) (n >>> 8);
        b[31] = (byte) n;
        b[0] = 0x5A;
        return ShareHash.of(b);
    }

    static InetSocketAddress src(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static Endpoint ep(String ip, int port) {
        return Endpoint.of(src(ip, port)).orElseThrow();
    }
}
