package org.swarmsync.discovery.lan.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;
import org.swarmsync.api.discovery.Announcement;
import org.swarmsync.api.discovery.DiscoveredPeer;
import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.secrets.ShareHash;

/**
 * Two LAN nodes in one JVM, pinned to the loopback interface with TTL 0, so no datagram can
 * leave the machine. Each test uses its own random port on the real group.
 */
public class LanLoopbackTest {

    static final InetAddress GROUP = address("239.192.0.0");
    static final ShareHash SHARED = ShareHash.of(LanCoreTest.filled(32, 0x44));
    static final ShareHash ONLY_B = ShareHash.of(LanCoreTest.filled(32, 0x55));
    static final ShareHash NOBODY = ShareHash.of(LanCoreTest.filled(32, 0x66));

    private int port;
    private LanOptions options;
    private LanBeacon a;
    private LanBeacon b;

    @Before
    public void pickPortAndCheckLoopbackMulticast() throws Exception {
        port = ThreadLocalRandom.current().nextInt(20_000, 60_000);
        options = new LanOptions("lo", GROUP, port, 0, true, Duration.ofMillis(400), Duration.ofMillis(300));
        Assume.assumeTrue("loopback multicast does not deliver here (`ip link show lo` lacks MULTICAST?): run "
                + "`ip link set lo multicast on`, or the test inside `unshare --net` after `ip link set lo up`",
                loopbackMulticastWorks(port));
    }

    @After
    public void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    public void twoNodesFindEachOtherOnLoopback() throws Exception {
        a = new LanBeacon(options);
        b = new LanBeacon(options);
        PeerId idA = PeerId.random(new SecureRandom());
        PeerId idB = PeerId.random(new SecureRandom());
        BlockingQueue<DiscoveredPeer> atA = new LinkedBlockingQueue<>();
        BlockingQueue<DiscoveredPeer> atB = new LinkedBlockingQueue<>();
        a.announce(SHARED, idA, 7001, atA::add);
        b.announce(SHARED, idB, 7002, atB::add);

        DiscoveredPeer bSeen = await(atA, idB);
        DiscoveredPeer aSeen = await(atB, idA);
        assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), 7002), bSeen.address());
        assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), 7001), aSeen.address());
        assertEquals("lan", bSeen.source());
        assertTrue("nobody reports itself", atA.stream().noneMatch(p -> p.peerId().equals(Optional.of(idA))));
        assertTrue(a.metrics().ignoredOwn() > 0);
    }

    @Test
    public void aNodeAnswersOnlyForSharesItHolds() throws Exception {
        b = new LanBeacon(options);
        PeerId idB = PeerId.random(new SecureRandom());
        b.announce(ONLY_B, idB, 7002, p -> { });
        waitFor(() -> b.metrics().pingsSent() > 0);
        PeerId prober = PeerId.random(new SecureRandom());
        try (DatagramChannel probe = sender()) {
            send(probe, new Ping(prober, 9999, NOBODY));
            assertNull("answered a ping for a share it does not hold", receivePing(probe, 700));
            assertEquals(1, b.metrics().ignoredNotHeld());

            send(probe, new Ping(prober, 9999, ONLY_B));
            Ping answer = receivePing(probe, 3_000);
            assertEquals(new Ping(idB, 7002, ONLY_B), answer);
        }
    }

    @Test
    public void refreshPingsAtOnceAndCloseStopsTheThread() throws Exception {
        LanOptions slow = new LanOptions("lo", GROUP, port, 0, true, Duration.ofHours(1), Duration.ofMillis(300));
        a = new LanBeacon(slow);
        try (DatagramChannel listener = groupListener()) {
            Announcement ann = a.announce(SHARED, PeerId.random(new SecureRandom()), 7001, p -> { });
            assertTrue("first ping at once", receivePing(listener, 3_000) != null);
            Thread.sleep(1_100);
            ann.refresh();
            assertTrue("refresh pings now, not in an hour", receivePing(listener, 3_000) != null);
            a.close();
            assertFalse(Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.isAlive() && t.getName().equals("swarmsync-lan")));
            ann.refresh();
            assertNull("nothing after close", receivePing(listener, 500));
        }
    }

    @Test
    public void nothingIsOpenedBeforeTheFirstAnnouncement() {
        a = new LanBeacon(options);
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("swarmsync-lan")));
        assertEquals(0, a.metrics().pingsSent());
    }

    // --- helpers ---

    private DatagramChannel sender() throws IOException {
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
        ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName("lo"));
        ch.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 0);
        ch.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
        ch.configureBlocking(false);
        return ch;
    }

    private DatagramChannel groupListener() throws IOException {
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
        ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        ch.bind(new InetSocketAddress(GROUP, port));
        ch.join(GROUP, NetworkInterface.getByName("lo"));
        ch.configureBlocking(false);
        return ch;
    }

    private void send(DatagramChannel ch, Ping ping) throws IOException {
        ch.send(ByteBuffer.wrap(LanWire.encode(ping)), new InetSocketAddress(GROUP, port));
    }

    private static Ping receivePing(DatagramChannel ch, long millis) throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(1024);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            buf.clear();
            if (ch.receive(buf) != null) {
                return LanWire.decode(buf.array(), buf.position());
            }
            Thread.sleep(10);
        }
        return null;
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

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(10);
        }
    }

    /** Sends one datagram to the group on lo with TTL 0 and checks it comes back. */
    static boolean loopbackMulticastWorks(int port) {
        try (DatagramChannel rx = DatagramChannel.open(StandardProtocolFamily.INET);
                DatagramChannel tx = DatagramChannel.open(StandardProtocolFamily.INET)) {
            NetworkInterface lo = NetworkInterface.getByName("lo");
            if (lo == null) {
                return false;
            }
            rx.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            rx.bind(new InetSocketAddress(GROUP, port));
            rx.join(GROUP, lo);
            rx.configureBlocking(false);
            tx.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            tx.setOption(StandardSocketOptions.IP_MULTICAST_IF, lo);
            tx.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 0);
            tx.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            tx.send(ByteBuffer.wrap(new byte[] {'p', 'r', 'o', 'b', 'e'}), new InetSocketAddress(GROUP, port));
            ByteBuffer buf = ByteBuffer.allocate(16);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < deadline) {
                if (rx.receive(buf) != null) {
                    return true;
                }
                Thread.sleep(10);
            }
            return false;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
