package org.swarmsync.discovery.tracker.internal.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.swarmsync.discovery.tracker.internal.client.TrackerLoopbackTest.FAST;
import static org.swarmsync.discovery.tracker.internal.client.TrackerLoopbackTest.LOOPBACK;
import static org.swarmsync.discovery.tracker.internal.client.TrackerLoopbackTest.SHARE;
import static org.swarmsync.discovery.tracker.internal.client.TrackerLoopbackTest.waitUntil;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.Test;
import org.swarmsync.api.discovery.DiscoveredPeer;
import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.discovery.tracker.internal.server.ServerLimits;
import org.swarmsync.discovery.tracker.internal.server.TrackerServer;
import org.swarmsync.discovery.tracker.internal.wire.Drop;

/**
 * Checks the wire format against {@code itests/src/test/python/bsync_tracker.py}, written from
 * the protocol text with its own bencode: the script plays clients against our server, then a
 * tracker against our client.
 */
public class TrackerPythonInteropTest {

    static final Path SCRIPT = Path.of("../../itests/src/test/python/bsync_tracker.py");
    static final long TIMEOUT_SECONDS = 20;

    @Test
    public void aPythonClientGetsCorrectRepliesFromOurServer() throws Exception {
        try (TrackerServer server = TrackerServer.start(new InetSocketAddress(LOOPBACK, 0), ServerLimits.DEFAULTS)) {
            Process p = python("client", "--tracker", "127.0.0.1:" + server.localAddress().getPort());
            List<String> out = lines(p);
            int exit = finish(p);
            assertEquals("python client: " + out + " " + stderr(p), 0, exit);
            assertTrue(out.toString(), out.stream().anyMatch(l -> l.startsWith("OK client")));
            assertEquals("the script's hostile datagrams were counted", 8, server.metrics().totalDropped());
            assertEquals(4, server.metrics().answered());
        }
    }

    @Test
    public void ourClientAcceptsOnlyThePythonTrackersValidReply() throws Exception {
        Process p = python("tracker", "--timeout", "10");
        BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = reader.readLine();
        assertTrue("script did not start: " + first + " " + stderr(p), first != null && first.startsWith("LISTENING "));
        int port = Integer.parseInt(first.substring("LISTENING ".length()).strip());

        PeerId self = PeerId.random(new SecureRandom());
        List<DiscoveredPeer> found = new CopyOnWriteArrayList<>();
        try (TrackerClient client = new TrackerClient(FAST, List.of(new TrackerAddress("127.0.0.1", port)),
                new InetSocketAddress(LOOPBACK, 0), new SplittableRandom(9))) {
            client.announce(SHARE, self, 6881, found::add);
            List<String> out = new ArrayList<>(List.of(first));
            for (String line; (line = reader.readLine()) != null;) {
                out.add(line);
            }
            int exit = finish(p);
            assertEquals("python tracker: " + out + " " + stderr(p), 0, exit);
            assertTrue(out.toString(), out.contains("REQUEST peer=" + self.hex() + " share=" + SHARE.hex()
                    + " la=127.0.0.1:6881 port=6881"));
            waitUntil(() -> client.metrics().received() >= 5, 5_000);

            assertEquals(Set.of("10.20.30.40:5060", "127.0.0.1:7000", "192.168.7.8:7001"), found.stream()
                    .map(d -> d.address().getAddress().getHostAddress() + ":" + d.address().getPort())
                    .collect(Collectors.toSet()));
            assertEquals("ourselves, listed by the tracker, is not reported", 3, found.size());
            ClientMetrics m = client.metrics();
            assertEquals(1, m.accepted());
            assertEquals(1, m.dropped(Drop.NOT_BSYNC));
            assertEquals(2, m.dropped(Drop.BAD_FIELD));
            assertEquals(1, m.dropped(Drop.UNSOLICITED));
        }
    }

    static Process python(String... args) throws IOException {
        assertTrue("missing " + SCRIPT.toAbsolutePath(), Files.isRegularFile(SCRIPT));
        List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    static List<String> lines(Process p) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }

    static int finish(Process p) throws InterruptedException {
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("python did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return p.exitValue();
    }

    static String stderr(Process p) {
        try {
            return p.isAlive() ? "" : new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }
}
