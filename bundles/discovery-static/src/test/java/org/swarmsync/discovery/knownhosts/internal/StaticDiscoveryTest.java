package org.swarmsync.discovery.knownhosts.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;
import org.swarmsync.api.discovery.Announcement;
import org.swarmsync.api.discovery.DiscoveredPeer;
import org.swarmsync.api.secrets.ShareHash;

public class StaticDiscoveryTest {

    static final ShareHash MINE = ShareHash.ofHex(KnownHostsTest.SHARE);
    static final ShareHash OTHER = ShareHash.of(new byte[32]);

    /** A fake DNS: names resolve to whatever the test says now. */
    private final Map<String, InetAddress[]> dns = new ConcurrentHashMap<>();
    private StaticDiscovery discovery;

    @After
    public void stop() {
        if (discovery != null) {
            discovery.close();
        }
    }

    @Test
    public void reportsTheHostsOfEveryFolderWithThatShareAndNoOthers() throws Exception {
        dns.put("nas", new InetAddress[] {ip("10.0.0.5")});
        dns.put("laptop", new InetAddress[] {ip("10.0.0.6"), ip("10.0.0.7")});
        dns.put("elsewhere", new InetAddress[] {ip("10.9.9.9")});
        discovery = new StaticDiscovery(Duration.ofHours(1), this::resolve);
        discovery.addFolder(folder(MINE, "nas:3839"));
        discovery.addFolder(folder(MINE, "laptop:4000", "gone.invalid:1"));
        discovery.addFolder(folder(OTHER, "elsewhere:1"));
        BlockingQueue<DiscoveredPeer> found = new LinkedBlockingQueue<>();

        discovery.announce(MINE, found::add);

        Set<String> round = addresses(found, 3);
        assertEquals(Set.of("10.0.0.5:3839", "10.0.0.6:4000", "10.0.0.7:4000"), round);
        assertTrue("nothing for the other share, nothing for the unresolvable name",
                found.poll(300, TimeUnit.MILLISECONDS) == null);
    }

    @Test
    public void reportsAgainEveryIntervalResolvingNamesEachTime() throws Exception {
        dns.put("nas", new InetAddress[] {ip("10.0.0.5")});
        discovery = new StaticDiscovery(Duration.ofMillis(150), this::resolve);
        discovery.addFolder(folder(MINE, "nas:3839"));
        BlockingQueue<DiscoveredPeer> found = new LinkedBlockingQueue<>();
        discovery.announce(MINE, found::add);

        DiscoveredPeer first = next(found);
        assertEquals(new InetSocketAddress(ip("10.0.0.5"), 3839), first.address());
        assertEquals(Optional.empty(), first.peerId());
        assertEquals("static", first.source());
        assertEquals(MINE, first.share());
        assertEquals("re-reported", first.address(), next(found).address());

        dns.put("nas", new InetAddress[] {ip("10.0.0.99")});
        DiscoveredPeer moved = next(found);
        for (int i = 0; i < 3 && !moved.address().getAddress().equals(ip("10.0.0.99")); i++) {
            moved = next(found);
        }
        assertEquals("the name was resolved again", new InetSocketAddress(ip("10.0.0.99"), 3839), moved.address());
    }

    @Test
    public void aFolderConfiguredLaterIsReportedAtOnceAndARemovedOneNoMore() throws Exception {
        dns.put("nas", new InetAddress[] {ip("10.0.0.5")});
        discovery = new StaticDiscovery(Duration.ofHours(1), this::resolve);
        BlockingQueue<DiscoveredPeer> found = new LinkedBlockingQueue<>();
        Announcement a = discovery.announce(MINE, found::add);
        assertTrue(found.poll(300, TimeUnit.MILLISECONDS) == null);

        KnownHosts nas = folder(MINE, "nas:3839");
        discovery.addFolder(nas);
        assertEquals(new InetSocketAddress(ip("10.0.0.5"), 3839), next(found).address());

        discovery.removeFolder(nas);
        a.refresh();
        assertTrue(found.poll(300, TimeUnit.MILLISECONDS) == null);
    }

    @Test
    public void closingStopsReportsAndTheThread() throws Exception {
        dns.put("nas", new InetAddress[] {ip("10.0.0.5")});
        discovery = new StaticDiscovery(Duration.ofMillis(100), this::resolve);
        discovery.addFolder(folder(MINE, "nas:3839"));
        BlockingQueue<DiscoveredPeer> found = new LinkedBlockingQueue<>();
        Announcement a = discovery.announce(MINE, found::add);
        next(found);
        a.close();
        Thread.sleep(150);
        found.clear();
        assertTrue("a closed announcement reports nothing", found.poll(300, TimeUnit.MILLISECONDS) == null);

        discovery.announce(MINE, found::add);
        next(found);
        discovery.close();
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("swarmsync-static-discovery")));
    }

    private InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] a = dns.get(host);
        if (a == null) {
            throw new UnknownHostException(host);
        }
        return a;
    }

    private static KnownHosts folder(ShareHash share, String... hosts) {
        return new KnownHosts(share, List.of(hosts).stream().map(HostPort::parse).toList());
    }

    private static DiscoveredPeer next(BlockingQueue<DiscoveredPeer> q) throws InterruptedException {
        DiscoveredPeer p = q.poll(3, TimeUnit.SECONDS);
        if (p == null) {
            throw new AssertionError("nothing reported within 3 s");
        }
        return p;
    }

    private static Set<String> addresses(BlockingQueue<DiscoveredPeer> q, int n) throws InterruptedException {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < n; i++) {
            InetSocketAddress a = next(q).address();
            out.add(a.getAddress().getHostAddress() + ":" + a.getPort());
        }
        return out;
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
