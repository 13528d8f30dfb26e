package org.swarmsync.discovery.tracker.internal.server;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;

import org.junit.Test;
import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.secrets.ShareHash;
import org.swarmsync.discovery.tracker.internal.wire.Drop;
import org.swarmsync.discovery.tracker.internal.wire.Endpoint;
import org.swarmsync.discovery.tracker.internal.wire.GetPeers;
import org.swarmsync.discovery.tracker.internal.wire.TrackerWire;

/**
 * 100,000 shares x 10 peers, each from its own source address, through the server's core with
 * its default bounds: the table must stay within them all along.
 */
public class TrackerSoakTest {

    static final int SHARES = 100_000;
    static final int PEERS_PER_SHARE = 10;

    @Test
    public void aMillionAnnouncesNeverTakeTheTableBeyondItsBounds() throws Exception {
        // The default bounds; replies list one peer, since this test is about the table, and encoding
        // long replies would only make it slower.
        ServerLimits def = ServerLimits.DEFAULTS;
        ServerLimits limits = new ServerLimits(def.ttlSeconds(), def.maxShares(), def.maxPeersPerShare(),
                def.maxTotalPeers(),
                1, def.maxAmplification(), def.maxReplyBytes(), def.ratePerSecond(), def.burst(), def.maxSources());
        TrackerServerCore core = new TrackerServerCore(limits, new SplittableRandom(3));
        long now = TrackerServerCoreTest.T0;
        int maxPeersSeen = 0;
        // One request encoded once, then patched in place: the share hash and peer id sit at fixed offsets.
        byte[] d = TrackerWire.encode(new GetPeers(PeerId.of(new byte[PeerId.LENGTH]),
                ShareHash.of(new byte[ShareHash.LENGTH]), Optional.of(new Endpoint(0xC0A80000, 3838)),
                OptionalInt.of(4000)));
        int peerAt = indexOf(d, "4:peer20:") + 9;
        int shareAt = indexOf(d, "5:share32:") + 10;
        for (int s = 0; s < SHARES; s++) {
            writeInt(d, shareAt, s);
            for (int p = 0; p < PEERS_PER_SHARE; p++) {
                writeInt(d, peerAt, s);
                d[peerAt + 4] = (byte) p;
                InetSocketAddress from = source(0x0A000000 | s * PEERS_PER_SHARE + p, 1024 + p);
                // One millisecond per request: sources refill, and the earliest entries outlive the TTL.
                now++;
                assertTrue(core.handle(d, d.length, from, now).isPresent());
            }
            if (s % 1000 == 999) {
                ServerMetrics m = core.metrics();
                assertTrue("shares " + m.shares(), m.shares() <= limits.maxShares());
                assertTrue("peers " + m.peers(), m.peers() <= limits.maxTotalPeers());
                assertTrue("sources " + m.trackedSources(), m.trackedSources() <= limits.maxSources());
                maxPeersSeen = Math.max(maxPeersSeen, m.peers());
            }
        }
        ServerMetrics m = core.metrics();
        assertEquals(SHARES * PEERS_PER_SHARE, m.answered());
        assertEquals(0, m.dropped(Drop.RATE_LIMITED));
        assertEquals("the total bound was reached, so it was tested", limits.maxTotalPeers(), maxPeersSeen);
        assertTrue("older entries were evicted or expired", m.evictedPeers() > 0);
        byte[] last = new byte[ShareHash.LENGTH];
        writeInt(last, 0, SHARES - 1);
        assertEquals(PEERS_PER_SHARE, core.peersOf(ShareHash.of(last)));
    }

    private static int indexOf(byte[] d, String marker) {
        byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + m.length <= d.length; i++) {
            for (int j = 0; j < m.length; j++) {
                if (d[i + j] != m[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("no " + marker);
    }

    static void writeInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static InetSocketAddress source(int ip, int port) throws UnknownHostException {
        byte[] a = {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
        return new InetSocketAddress(InetAddress.getByAddress(a), port);
    }
}
