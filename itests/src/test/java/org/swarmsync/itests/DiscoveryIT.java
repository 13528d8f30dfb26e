package org.swarmsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.swarmsync.api.command.LauncherCommand;
import org.swarmsync.api.discovery.Announcement;
import org.swarmsync.api.discovery.DiscoveredPeer;
import org.swarmsync.api.discovery.PeerDiscovery;
import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.secrets.ShareHash;

/**
 * The discovery sources in Felix, configured through Config Admin as a user would: a tracker
 * server and client on 127.0.0.1, known hosts from a factory configuration, and LAN pings
 * pinned to the loopback interface with TTL 0.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class DiscoveryIT {

    private static final long WAIT_MILLIS = 10_000;
    private static final ShareHash SHARE =
            ShareHash.ofHex("474c188ef1315b7c1c298059dbbc5e15fd8ab9e9904cf7942af115b5ee2f39f4");

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return new Option[] {NodeOptions.node()};
    }

    @Test
    public void everySourceAndTheTrackerCommandAreRegistered() throws Exception {
        for (String source : new String[] {"tracker", "lan", "static"}) {
            assertNotNull("no discovery source " + source, source(source, ""));
        }
        assertNotNull(await("(&(objectClass=" + LauncherCommand.class.getName() + ")("
                + LauncherCommand.NAME + "=tracker))"));
    }

    @Test
    public void aConfiguredTrackerServerAndClientIntroduceTwoPeers() throws Exception {
        int port = freeUdpPort();
        configure("org.swarmsync.discovery.tracker.server", "bind.address", "127.0.0.1", "port", port,
                "ttl.seconds", 60);
        configure("org.swarmsync.discovery.tracker", "trackers", new String[] {"127.0.0.1:" + port},
                "announce.interval.seconds", 1, "retry.initial.seconds", 1, "retry.max.seconds", 2);
        PeerDiscovery tracker = source("tracker", "(trackers=127.0.0.1:" + port + ")");

        PeerId alice = PeerId.random(new SecureRandom());
        PeerId bob = PeerId.random(new SecureRandom());
        BlockingQueue<DiscoveredPeer> atAlice = new LinkedBlockingQueue<>();
        BlockingQueue<DiscoveredPeer> atBob = new LinkedBlockingQueue<>();
        try (Announcement a = tracker.announce(SHARE, alice, 41_001, atAlice::add);
                Announcement b = tracker.announce(SHARE, bob, 41_002, atBob::add)) {
            assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), 41_002), next(atAlice, bob).address());
            assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), 41_001), next(atBob, alice).address());
        }

        // Stopping the bundle closes the server's socket: the port can be bound again.
        bundle("org.swarmsync.discovery-tracker").stop();
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            assertEquals(port, again.getLocalPort());
        }
    }

    @Test
    public void knownHostsFromAFolderConfigurationAreReported() throws Exception {
        org.osgi.service.cm.Configuration folder =
                configAdmin.createFactoryConfiguration("org.swarmsync.discovery.static.folder", "?");
        folder.update(dictionary("share", SHARE.hex(), "hosts", new String[] {"127.0.0.1:4567"}));
        PeerDiscovery known = source("static", "");
        BlockingQueue<DiscoveredPeer> found = new LinkedBlockingQueue<>();
        try (Announcement a = known.announce(SHARE, PeerId.random(new SecureRandom()), 5000, found::add)) {
            DiscoveredPeer p = found.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            assertNotNull("the configured host was not reported", p);
            assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), 4567), p.address());
            assertEquals(Optional.empty(), p.peerId());
        }
        folder.delete();
    }

    @Test
    public void lanPingsOnLoopbackReachAnotherAnnouncement() throws Exception {
        int port = freeUdpPort();
        configure("org.swarmsync.discovery.lan", "network.interface", "lo", "multicast.ttl", 0,
                "multicast.loop", true, "port", port, "interval.seconds", 1);
        PeerDiscovery lan = source("lan", "(network.interface=lo)");
        PeerId one = PeerId.random(new SecureRandom());
        PeerId two = PeerId.random(new SecureRandom());
        BlockingQueue<DiscoveredPeer> atOne = new LinkedBlockingQueue<>();
        try (Announcement a = lan.announce(SHARE, one, 7001, atOne::add);
                Announcement b = lan.announce(SHARE, two, 7002, p -> { })) {
            assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), 7002), next(atOne, two).address());
        }
    }

    // --- helpers ---

    private void configure(String pid, Object... keyValues) throws Exception {
        configAdmin.getConfiguration(pid, "?").update(dictionary(keyValues));
    }

    private static Dictionary<String, Object> dictionary(Object... keyValues) {
        Dictionary<String, Object> d = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            d.put((String) keyValues[i], keyValues[i + 1]);
        }
        return d;
    }

    private PeerDiscovery source(String name, String extra) throws Exception {
        Object s = await("(&(objectClass=" + PeerDiscovery.class.getName() + ")(" + PeerDiscovery.SOURCE + "="
                + name + ")" + extra + ")");
        assertNotNull("no PeerDiscovery " + name + " " + extra, s);
        return (PeerDiscovery) s;
    }

    /**
     * Waits for a service and gets it through the test's own context, which keeps it: a
     * delayed DS component is deactivated as soon as its last user lets go.
     */
    private Object await(String filter) throws Exception {
        Filter f = context.createFilter(filter);
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, f, null);
        tracker.open();
        try {
            if (tracker.waitForService(WAIT_MILLIS) == null) {
                return null;
            }
            ServiceReference<Object> ref = tracker.getServiceReference();
            return ref == null ? null : context.getService(ref);
        } finally {
            tracker.close();
        }
    }

    private static DiscoveredPeer next(BlockingQueue<DiscoveredPeer> queue, PeerId id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (System.nanoTime() < deadline) {
            DiscoveredPeer p = queue.poll(100, TimeUnit.MILLISECONDS);
            if (p != null && p.peerId().equals(Optional.of(id))) {
                return p;
            }
        }
        throw new AssertionError("peer " + id + " not reported");
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }
}
