package org.swarmsync.transport.utp.internal.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/** Byte-exact transfers through the sans-I/O core over a simulated, lossy network. */
public class CoreTransferTest {

    private static final long MINUTE = 60_000_000L;

    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    private final UtpConfig cfg = UtpConfig.defaults();

    private StreamPump dial(SimNetwork net, SimNetwork.Node from, SimNetwork.Node to, StreamPump p) {
        p.socket = from.endpoint.connect(to.address, p, net.now);
        net.addPump(p);
        return p;
    }

    private List<StreamPump> listen(SimNetwork net, SimNetwork.Node node, long toSend, int streamBase) {
        return listen(net, node, toSend, streamBase, true);
    }

    private List<StreamPump> listen(SimNetwork net, SimNetwork.Node node, long toSend, int streamBase,
            boolean shutdownWhenDone) {
        List<StreamPump> accepted = new ArrayList<>();
        node.endpoint.setAcceptHandler(s -> {
            int i = accepted.size();
            StreamPump p = new StreamPump(toSend, streamBase + 2 * i + 1, streamBase + 2 * i, shutdownWhenDone);
            p.socket = s;
            accepted.add(p);
            net.addPump(p);
            return p;
        });
        return accepted;
    }

    private static void assertClean(SimNetwork net) {
        for (SimNetwork.Node n : net.nodes) {
            assertEquals("internal errors at " + n.address, 0, n.endpoint.drops().get(DropReason.INTERNAL_ERROR));
        }
    }

    @Test
    public void smallTransferOnPerfectLink() {
        SimNetwork net = new SimNetwork(1);
        net.trace = Boolean.getBoolean("trace");
        SimNetwork.Node a = net.node("10.0.0.1", 1000, cfg);
        SimNetwork.Node b = net.node("10.0.0.2", 2000, cfg);
        List<StreamPump> accepted = listen(net, b, 100_000, 0);
        StreamPump client = dial(net, a, b, new StreamPump(250_000, 0, 1, true));
        net.runUntil(() -> client.done() && !accepted.isEmpty() && accepted.get(0).done(), MINUTE);
        StreamPump server = accepted.get(0);
        assertEquals(250_000, server.received);
        assertEquals(100_000, client.received);
        assertEquals(-1, server.firstMismatch);
        assertEquals(-1, client.firstMismatch);
        // both FINs exchanged: each side lingers one timeout, then leaves normally
        net.runUntil(() -> client.closed != null && server.closed != null, MINUTE);
        assertEquals(CloseCause.NORMAL, client.closed);
        assertEquals(CloseCause.NORMAL, server.closed);
        assertEquals(0, a.endpoint.connectionCount());
        assertEquals(0, b.endpoint.connectionCount());
        assertClean(net);
    }

    @Test
    public void bulkBothWaysOverLossyReorderingDuplicatingLink() {
        long size = 64L << 20;
        SimNetwork net = new SimNetwork(7).lossy(0.05);
        SimNetwork.Node a = net.node("10.0.0.1", 1000, cfg);
        SimNetwork.Node b = net.node("10.0.0.2", 2000, cfg);
        List<StreamPump> accepted = listen(net, b, size, 0);
        StreamPump client = dial(net, a, b, new StreamPump(size, 0, 1, true));
        net.runUntil(() -> client.done() && !accepted.isEmpty() && accepted.get(0).done(), 600 * MINUTE);
        StreamPump server = accepted.get(0);
        assertEquals(size, server.received);
        assertEquals(size, client.received);
        assertEquals(-1, server.firstMismatch);
        assertEquals(-1, client.firstMismatch);
        assertNull(client.closed);
        assertClean(net);
    }

    @Test
    public void bulkWithLargeDatagramsOverLossyLink() {
        long size = 32L << 20;
        SimNetwork net = new SimNetwork(8).lossy(0.02);
        SimNetwork.Node a = net.node("10.0.0.1", 1000, cfg, 65507);
        SimNetwork.Node b = net.node("10.0.0.2", 2000, cfg, 65507);
        List<StreamPump> accepted = listen(net, b, size, 0);
        StreamPump client = dial(net, a, b, new StreamPump(size + 12345, 0, 1, true));
        net.runUntil(() -> client.done() && !accepted.isEmpty() && accepted.get(0).done(), 600 * MINUTE);
        assertEquals(65487, client.socket.payloadSize());
        assertEquals(size + 12345, accepted.get(0).received);
        assertEquals(size, client.received);
        assertEquals(-1, accepted.get(0).firstMismatch);
        assertEquals(-1, client.firstMismatch);
        // large payloads were read straight from their datagram buffers, each handed back once read
        // a payload arriving after a hole is copied (early), so on a lossy link not all are kept
        assertTrue("kept " + a.kept + "/" + b.kept, a.kept > 200 && b.kept > 200);
        assertEquals(a.kept, a.released);
        assertEquals(b.kept, b.released);
        assertClean(net);
    }

    @Test
    public void fiftyConcurrentConnectionsOverLossyLink() {
        SimNetwork net = new SimNetwork(11).lossy(0.05);
        SimNetwork.Node a = net.node("10.0.0.1", 1000, cfg);
        SimNetwork.Node b = net.node("10.0.0.2", 2000, cfg);
        java.util.Map<Integer, Integer> streamByClientId = new java.util.HashMap<>();
        List<StreamPump> accepted = new ArrayList<>();
        // the acceptor's send id is the dialler's receive id: that tells which client it is
        b.endpoint.setAcceptHandler(s -> {
            int i = streamByClientId.get(s.sendId());
            StreamPump p = new StreamPump(200_000 + i, 2000 + i, 1000 + i, true);
            p.socket = s;
            accepted.add(p);
            net.addPump(p);
            return p;
        });
        List<StreamPump> clients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            StreamPump c = dial(net, a, b, new StreamPump(300_000 + i, 1000 + i, 2000 + i, true));
            streamByClientId.put(c.socket.receiveId(), i);
            clients.add(c);
        }
        net.runUntil(() -> accepted.size() == 50 && accepted.stream().allMatch(StreamPump::done)
                && clients.stream().allMatch(StreamPump::done), 60 * MINUTE);
        for (StreamPump p : accepted) {
            assertEquals(p.sendStream - 2000 + 300_000, p.received);
            assertEquals(-1, p.firstMismatch);
        }
        for (int i = 0; i < 50; i++) {
            assertEquals(200_000 + i, clients.get(i).received);
            assertEquals(-1, clients.get(i).firstMismatch);
        }
        net.runUntil(() -> a.endpoint.connectionCount() == 0 && b.endpoint.connectionCount() == 0, 10 * MINUTE);
        assertClean(net);
    }

    @Test
    public void peerThatVanishesTimesOutBounded() {
        SimNetwork net = new SimNetwork(3);
        SimNetwork.Node a = net.node("10.0.0.1", 1000, cfg);
        SimNetwork.Node b = net.node("10.0.0.2", 2000, cfg);
        List<StreamPump> accepted = listen(net, b, 0, 0);
        StreamPump client = dial(net, a, b, new StreamPump(1L << 30, 0, 1, false));
        net.runUntil(() -> !accepted.isEmpty() && accepted.get(0).received > 1_000_000, MINUTE);
        b.down = true;
        long vanishedAt = net.now;
        net.runUntil(() -> client.closed != null, 5 * MINUTE);
        assertEquals(CloseCause.TIMED_OUT, client.closed);
        // 4 retransmission timeouts, backed off from the 500 ms floor: well under a minute
        long took = net.now - vanishedAt;
        assertTrue("timed out after " + took + " µs", took >= 4 * 500_000L && took < MINUTE);
        assertEquals(0, a.endpoint.connectionCount());
        assertEquals(-1, client.socket.write(java.nio.ByteBuffer.allocate(1)));
    }

    @Test
    public void resetAbortsThePeer() {
        SimNetwork net = new SimNetwork(4);
        SimNetwork.Node a = net.node("10.0.0.1", 1000, cfg);
        SimNetwork.Node b = net.node("10.0.0.2", 2000, cfg);
        List<StreamPump> accepted = listen(net, b, 0, 0);
        StreamPump client = dial(net, a, b, new StreamPump(1L << 30, 0, 1, false));
        net.runUntil(() -> !accepted.isEmpty() && accepted.get(0).received > 100_000, MINUTE);
        StreamPump server = accepted.get(0);
        server.socket.abort(net.now);
        assertEquals(CloseCause.ABORTED, server.closed);
        net.runUntil(() -> client.closed != null, MINUTE);
        assertEquals(CloseCause.RESET, client.closed);
        assertEquals(0, a.endpoint.connectionCount());
        assertEquals(0, b.endpoint.connectionCount());
    }

    @Test
    public void dialToClosedPortIsRefusedByReset() {
        SimNetwork net = new SimNetwork(5);
        SimNetwork.Node a = net.node("10.0.0.1", 1000, cfg);
        SimNetwork.Node b = net.node("10.0.0.2", 2000, cfg);
        List<StreamPump> accepted = listen(net, b, 0, 0);
        StreamPump client = dial(net, a, b, new StreamPump(10, 0, 1, false));
        net.runUntil(() -> !accepted.isEmpty(), MINUTE);
        // the acceptor forgets the connection without telling; the client's data then draws a RESET
        accepted.get(0).socket.abort(net.now);
        net.runUntil(() -> client.closed != null, MINUTE);
        assertEquals(CloseCause.RESET, client.closed);
    }

    @Test
    public void finDuringLossDeliversEverythingThenEof() {
        for (long seed = 20; seed < 25; seed++) {
            SimNetwork net = new SimNetwork(seed).lossy(0.1);
            SimNetwork.Node a = net.node("10.0.0.1", 1000, cfg);
            SimNetwork.Node b = net.node("10.0.0.2", 2000, cfg);
            List<StreamPump> accepted = listen(net, b, 0, 0, false);
            long size = 3_000_000 + seed * 777;
            StreamPump client = dial(net, a, b, new StreamPump(size, 0, 1, true));
            net.runUntil(() -> !accepted.isEmpty() && accepted.get(0).eof, 60 * MINUTE);
            StreamPump server = accepted.get(0);
            assertEquals("seed " + seed, size, server.received);
            assertEquals(-1, server.firstMismatch);
            assertTrue(server.socket.eof());
            // the other direction is still open: half-close
            assertEquals(UtpSocket.State.CONNECTED, server.socket.state());
            assertTrue(server.socket.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3})) == 3);
            server.socket.shutdownOutput();
            net.runUntil(() -> client.closed != null && server.closed != null, 10 * MINUTE);
            assertEquals(CloseCause.NORMAL, client.closed);
            assertEquals(CloseCause.NORMAL, server.closed);
            assertEquals(3, client.received);
            assertClean(net);
        }
    }
}
