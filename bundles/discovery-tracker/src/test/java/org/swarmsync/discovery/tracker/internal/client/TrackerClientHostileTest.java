package org.swarmsync.discovery.tracker.internal.client;

import static org.junit.Assert.assertEquals;
import static org.swarmsync.discovery.tracker.internal.client.TrackerLoopbackTest.FAST;
import static org.swarmsync.discovery.tracker.internal.client.TrackerLoopbackTest.LOOPBACK;
import static org.swarmsync.discovery.tracker.internal.client.TrackerLoopbackTest.SHARE;
import static org.swarmsync.discovery.tracker.internal.client.TrackerLoopbackTest.waitUntil;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.Test;
import org.swarmsync.api.discovery.DiscoveredPeer;
import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.secrets.ShareHash;
import org.swarmsync.codec.bencode.BDict;
import org.swarmsync.codec.bencode.BList;
import org.swarmsync.discovery.tracker.internal.wire.Drop;
import org.swarmsync.discovery.tracker.internal.wire.Endpoint;
import org.swarmsync.discovery.tracker.internal.wire.GetPeers;
import org.swarmsync.discovery.tracker.internal.wire.PeersReply;
import org.swarmsync.discovery.tracker.internal.wire.ReplyPeer;
import org.swarmsync.discovery.tracker.internal.wire.TrackerWire;

/** A fake tracker on loopback answers our client with hostile datagrams, then one good reply. */
public class TrackerClientHostileTest {

    @Test
    public void onlyTheValidAwaitedReplyIsReportedAndEveryOtherDatagramIsCounted() throws Exception {
        PeerId self = PeerId.random(new SecureRandom());
        PeerId p1 = PeerId.random(new SecureRandom());
        PeerId p2 = PeerId.random(new SecureRandom());
        List<DiscoveredPeer> found = new CopyOnWriteArrayList<>();
        try (DatagramSocket tracker = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
                DatagramSocket impostor = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
                TrackerClient client = new TrackerClient(FAST,
                        List.of(new TrackerAddress("127.0.0.1", tracker.getLocalPort())),
                        new InetSocketAddress(LOOPBACK, 0), new SplittableRandom(5))) {
            tracker.setSoTimeout(5_000);
            client.announce(SHARE, self, 6881, found::add);

            DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
            tracker.receive(in);
            GetPeers request = TrackerWire.decodeGetPeers(Arrays.copyOf(in.getData(), in.getLength()), in.getLength());
            assertEquals(self, request.peer());
            assertEquals(SHARE, request.share());
            assertEquals(OptionalInt.of(6881), request.port());
            assertEquals(Optional.of(new Endpoint(0x7F000001, 6881)), request.local());
            InetSocketAddress back = (InetSocketAddress) in.getSocketAddress();

            Endpoint ea = new Endpoint(0xC6336407, 40000);
            PeersReply good = new PeersReply(SHARE, 1_750_000_000L, ea, List.of(
                    new ReplyPeer(new Endpoint(0xCB007105, 6000), new Endpoint(0xC0A80114, 6000), p1),
                    new ReplyPeer(ea.withPort(7000), new Endpoint(0xC0A80115, 7000), p2),
                    new ReplyPeer(new Endpoint(0x7F000001, 6881), new Endpoint(0x7F000001, 6881), self),
                    new ReplyPeer(new Endpoint(0, 0), new Endpoint(0, 0), PeerId.random(new SecureRandom()))));
            byte[] valid = TrackerWire.encode(good);

            send(tracker, back, "not a tracker reply".getBytes(StandardCharsets.US_ASCII));
            send(tracker, back, Arrays.copyOf(valid, valid.length - 3));
            send(tracker, back, TrackerWire.encode(new PeersReply(ShareHash.of(new byte[32]), 1, ea, List.of())));
            send(tracker, back, TrackerWire.frame(BDict.builder().putUtf8("m", "peers").put("share", SHARE.toBytes())
                    .put("time", 1).put("ea", new byte[4]).put("peers", BList.EMPTY)
                    .build()));
            send(tracker, back, TrackerWire.frame(BDict.builder().putUtf8("m", "get_peers").build()));
            send(tracker, back, Arrays.copyOf(valid, TrackerWire.MAX_REPLY_BYTES + 100));
            send(impostor, back, valid);
            send(tracker, back, valid);
            send(tracker, back, valid);
            waitUntil(() -> client.metrics().received() >= 9, 5_000);

            assertEquals(Set.of("203.0.113.5:6000", "198.51.100.7:7000", "192.168.1.21:7000"),
                    found.stream().map(p -> p.address().getAddress().getHostAddress() + ":" + p.address().getPort())
                            .collect(Collectors.toSet()));
            assertEquals(3, found.size());
            ClientMetrics m = client.metrics();
            assertEquals(1, m.accepted());
            assertEquals(1, m.dropped(Drop.NOT_BSYNC));
            assertEquals(1, m.dropped(Drop.OVERSIZED));
            assertEquals(1, m.dropped(Drop.MALFORMED));
            assertEquals(1, m.dropped(Drop.BAD_FIELD));
            assertEquals(1, m.dropped(Drop.WRONG_MESSAGE));
            assertEquals("wrong share, impostor port, duplicate", 3, m.dropped(Drop.UNSOLICITED));
        }
    }

    private static void send(DatagramSocket from, InetSocketAddress to, byte[] data) throws Exception {
        from.send(new DatagramPacket(data, data.length, to));
    }
}
