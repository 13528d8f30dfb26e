package org.swarmsync.discovery.tracker.internal.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.After;
import org.junit.Test;
import org.swarmsync.api.discovery.Announcement;
import org.swarmsync.api.discovery.DiscoveredPeer;
import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.secrets.ShareHash;
import org.swarmsync.discovery.tracker.internal.server.ServerLimits;
import org.swarmsync.discovery.tracker.internal.server.TrackerServer;

/** Real clients and a real server on 127.0.0.1. */
public class TrackerLoopbackTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final ShareHash SHARE = ShareHash.ofHex("474c188ef1315b7c1c298059dbbc5e15fd8ab9e9904cf7942af115b5ee2f39f4");
    static final ClientOptions FAST = new ClientOptions(Duration.ofMillis(300), Duration.ofMillis(200),
            Duration.ofSeconds(1), 0.1, Duration.ZERO);

    private TrackerServer server;
    private TrackerClient alice;
    private TrackerClient bob;

    @After
    public void stop() {
        for (AutoCloseable c : new AutoCloseable[] {alice, bob, server}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    @Test
    public void twoClientsFindEachOtherThroughTheServerAndEntriesExpire() throws Exception {
        server = TrackerServer.start(new InetSocketAddress(LOOPBACK, 0), ServerLimits.DEFAULTS.withTtlSeconds(1));
        alice = client(server);
        bob = client(server);
        PeerId aliceId = PeerId.random(new SecureRandom());
        PeerId bobId = PeerId.random(new SecureRandom());
        BlockingQueue<DiscoveredPeer> atAlice = new LinkedBlockingQueue<>();
        BlockingQueue<DiscoveredPeer> atBob = new LinkedBlockingQueue<>();

        Announcement a = alice.announce(SHARE, aliceId, 41_001, atAlice::add);
        Announcement b = bob.announce(SHARE, bobId, 41_002, atBob::add);

        DiscoveredPeer bobSeen = await(atAlice, bobId);
        DiscoveredPeer aliceSeen = await(atBob, aliceId);
        assertEquals("our port extension: the listening port, not the client socket's",
                new InetSocketAddress(LOOPBACK, 41_002), bobSeen.address());
        assertEquals(new InetSocketAddress(LOOPBACK, 41_001), aliceSeen.address());
        assertEquals("tracker", bobSeen.source());
        assertEquals(SHARE, bobSeen.share());

        assertEquals(2, server.metrics().peers());

        // Alice leaves; one to two seconds later (TTL 1 s) Bob's requests purge her entry.
        a.close();
        long sentBefore = alice.metrics().sent();
        waitUntil(() -> server.metrics().peers() == 1, 6_000);
        atBob.clear();
        long accepted = bob.metrics().accepted();
        waitUntil(() -> bob.metrics().accepted() >= accepted + 2, 5_000);
        assertTrue("bob still hears about alice after her TTL: " + atBob,
                atBob.stream().noneMatch(p -> p.peerId().equals(Optional.of(aliceId))));
        assertTrue("a closed announcement sends nothing", alice.metrics().sent() <= sentBefore + 1);
        b.close();
    }

    @Test
    public void aSilentTrackerDoesNotKeepTheOthersFromWorkingAndIsRetried() throws Exception {
        server = TrackerServer.start(new InetSocketAddress(LOOPBACK, 0), ServerLimits.DEFAULTS);
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            silent.setSoTimeout(5_000);
            List<TrackerAddress> both = List.of(new TrackerAddress("127.0.0.1", silent.getLocalPort()),
                    new TrackerAddress("127.0.0.1", server.localAddress().getPort()));
            alice = new TrackerClient(FAST, both, new InetSocketAddress(LOOPBACK, 0), new SplittableRandom(1));
            bob = new TrackerClient(FAST, both, new InetSocketAddress(LOOPBACK, 0), new SplittableRandom(2));
            PeerId aliceId = PeerId.random(new SecureRandom());
            PeerId bobId = PeerId.random(new SecureRandom());
            BlockingQueue<DiscoveredPeer> atAlice = new LinkedBlockingQueue<>();
            alice.announce(SHARE, aliceId, 41_001, atAlice::add);
            bob.announce(SHARE, bobId, 41_002, p -> { });
            await(atAlice, bobId);
            // The silent tracker was asked by both, and asked again after its first silence.
            int requests = 0;
            byte[] buf = new byte[2048];
            for (; requests < 3; requests++) {
                silent.receive(new DatagramPacket(buf, buf.length));
            }
            assertEquals(3, requests);
        }
    }

    @Test
    public void closingTheClientStopsItsThreadsAndSocket() throws Exception {
        server = TrackerServer.start(new InetSocketAddress(LOOPBACK, 0), ServerLimits.DEFAULTS);
        alice = client(server);
        BlockingQueue<DiscoveredPeer> found = new LinkedBlockingQueue<>();
        alice.announce(SHARE, PeerId.random(new SecureRandom()), 5000, found::add);
        waitUntil(() -> alice.metrics().accepted() >= 1, 5_000);
        assertTrue(threadAlive("swarmsync-tracker-client"));
        alice.close();
        assertFalse(threadAlive("swarmsync-tracker-client"));
        long answered = server.metrics().answered();
        Thread.sleep(700);
        assertEquals("no request after close", answered, server.metrics().answered());
    }

    @Test
    public void withNoTrackerNothingStarts() {
        alice = new TrackerClient(FAST, List.of(), new InetSocketAddress(LOOPBACK, 0), new SplittableRandom(1));
        Announcement a = alice.announce(SHARE, PeerId.random(new SecureRandom()), 5000, p -> { });
        a.refresh();
        assertTrue(alice.localAddress().isEmpty());
        assertFalse(threadAlive("swarmsync-tracker-client"));
        a.close();
    }

    static TrackerClient client(TrackerServer server) {
        InetSocketAddress at = server.localAddress();
        return new TrackerClient(FAST, List.of(new TrackerAddress(at.getAddress().getHostAddress(), at.getPort())),
                new InetSocketAddress(LOOPBACK, 0), new SplittableRandom(System.nanoTime()));
    }

    static DiscoveredPeer await(BlockingQueue<DiscoveredPeer> queue, PeerId id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            DiscoveredPeer p = queue.poll(100, TimeUnit.MILLISECONDS);
            if (p != null && p.peerId().equals(Optional.of(id))) {
                return p;
            }
        }
        throw new AssertionError("peer " + id + " not reported within 5 s");
    }

    static void waitUntil(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + millis + " ms");
            }
            Thread.sleep(20);
        }
    }

    static boolean threadAlive(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith(prefix));
    }
}
