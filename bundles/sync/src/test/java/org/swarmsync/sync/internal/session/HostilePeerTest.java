package org.swarmsync.sync.internal.session;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.swarmsync.api.secrets.Secret;
import org.swarmsync.codec.bencode.BDict;
import org.swarmsync.codec.bencode.BList;
import org.swarmsync.codec.bencode.BValue;
import org.swarmsync.codec.bencode.Bencode;
import org.swarmsync.sync.internal.model.Hash256;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.protocol.BlockData;
import org.swarmsync.sync.internal.protocol.BlockRequest;
import org.swarmsync.sync.internal.protocol.Close;
import org.swarmsync.sync.internal.protocol.IndexFrames;
import org.swarmsync.sync.internal.protocol.Limits;
import org.swarmsync.sync.internal.protocol.Message;
import org.swarmsync.sync.internal.protocol.TestEntries;
import org.swarmsync.sync.internal.protocol.Want;
import org.swarmsync.sync.internal.session.SessionEnd.Cause;

/**
 * Peers that know the secret and still misbehave: each is closed with a reason naming what it
 * did, and the reason reaches it in a close frame when it is still reading.
 */
public class HostilePeerTest {

    private static final Hash256 ANY_HASH = Hash256.wrap(new byte[32]);

    private Loopback loop;
    private Secret secret;
    private Recorder server;

    @Before
    public void setUp() throws Exception {
        loop = new Loopback();
        secret = AuthenticatorTest.SECRETS.generate();
        server = new Recorder();
    }

    @After
    public void tearDown() {
        loop.close();
    }

    /** Connects a raw peer that has authenticated honestly and read the server's want. */
    private RawPeer authenticated(SessionTimings timings) throws Exception {
        RawPeer peer = new RawPeer(loop.dial());
        loop.serve(secret, server, timings);
        peer.authenticate(AuthKeys.of(secret), Role.INITIATOR);
        assertEquals(new Want(0), peer.read());
        return peer;
    }

    /** Reads until the end and returns the close frame that must come last. */
    private static Close lastClose(RawPeer peer) throws Exception {
        List<Message> rest = peer.readToEnd();
        Message last = rest.get(rest.size() - 1);
        assertTrue("expected a close, got " + rest, last instanceof Close);
        return (Close) last;
    }

    private void assertClosedFor(RawPeer peer, String reason) throws Exception {
        assertEquals(new Close(reason), lastClose(peer));
        peer.close(); // hanging up ends the server's wait for us to take its close frame
        assertEquals(new SessionEnd(Cause.PROTOCOL, reason), server.awaitEnd());
    }

    @Test
    public void floodingMoreEntriesThanAFrameMayCarryIsClosed() throws Exception {
        try (RawPeer peer = authenticated(Loopback.FAST)) {
            BDict entry = Bencode.decode(IndexFrames.encode(List.of(TestEntries.directory("d", 1)), 1, true).get(0))
                    .asDict().list("files").dict(0);
            List<BValue> flood = new ArrayList<>();
            for (int i = 0; i < Limits.MAX_INDEX_ENTRIES + 1; i++) {
                flood.add(entry);
            }
            peer.sendBody(Bencode.encode(BDict.builder().putUtf8("t", "index").put("seq", 1).put("done", 1)
                    .put("files", BList.of(flood)).build()));
            assertClosedFor(peer, "index frame has 1001 entries, more than 1000");
        }
        assertTrue(server.indexes.isEmpty());
    }

    @Test
    public void anEntryEscapingTheFolderIsClosed() throws Exception {
        try (RawPeer peer = authenticated(Loopback.FAST)) {
            BDict frame = Bencode.decode(IndexFrames.encode(List.of(TestEntries.file("x", 1)), 1, true).get(0)).asDict();
            BDict evil = frame.list("files").dict(0).toBuilder().remove("p").putUtf8("p", "../../.ssh/authorized_keys").build();
            peer.sendBody(Bencode.encode(frame.toBuilder().remove("files").put("files", BList.of(evil)).build()));
            assertClosedFor(peer, "index entry 0: path has a '..' segment");
        }
        assertTrue(server.indexes.isEmpty());
    }

    @Test
    public void anIndexNobodyAskedForIsClosed() throws Exception {
        server.autoWant = false;
        try (RawPeer peer = new RawPeer(loop.dial())) {
            loop.serve(secret, server, Loopback.FAST);
            peer.authenticate(AuthKeys.of(secret), Role.INITIATOR);
            peer.sendBody(IndexFrames.encode(List.of(), 1, true).get(0));
            assertClosedFor(peer, "index: sent before we asked with want");
        }
    }

    @Test
    public void tooManyOutstandingRequestsAreClosed() throws Exception {
        try (RawPeer peer = authenticated(Loopback.FAST)) {
            for (int i = 0; i <= Limits.MAX_OUTSTANDING_REQUESTS; i++) {
                peer.send(new BlockRequest(i, RelativePath.of("f"), 0, 1, ANY_HASH));
            }
            assertClosedFor(peer, "request: more than 256 outstanding");
        }
        assertEquals(Limits.MAX_OUTSTANDING_REQUESTS, server.requests.size());
    }

    @Test
    public void tooManyOutstandingBytesAreClosed() throws Exception {
        try (RawPeer peer = authenticated(Loopback.FAST)) {
            for (int i = 0; i < 5; i++) {
                peer.send(new BlockRequest(i, RelativePath.of("f"), 0, Limits.MAX_BLOCK_LENGTH, ANY_HASH));
            }
            assertClosedFor(peer, "request: more than 67108864 bytes outstanding");
        }
    }

    @Test
    public void aReusedRequestIdIsClosed() throws Exception {
        try (RawPeer peer = authenticated(Loopback.FAST)) {
            peer.send(new BlockRequest(5, RelativePath.of("f"), 0, 1, ANY_HASH));
            peer.send(new BlockRequest(5, RelativePath.of("g"), 0, 1, ANY_HASH));
            assertClosedFor(peer, "request: id 5 is already outstanding");
        }
    }

    @Test
    public void aBlockNobodyRequestedIsClosed() throws Exception {
        try (RawPeer peer = authenticated(Loopback.FAST)) {
            peer.send(new BlockData(3, ByteBuffer.allocate(10)));
            assertClosedFor(peer, "block: id 3 is not an outstanding request");
        }
    }

    @Test
    public void unknownMessagesAndSecondHellosAreClosed() throws Exception {
        try (RawPeer peer = authenticated(Loopback.FAST)) {
            peer.sendBody(Bencode.encode(BDict.builder().putUtf8("t", "gossip").build()));
            assertClosedFor(peer, "unknown message type \"gossip\"");
        }
        server = new Recorder();
        try (RawPeer peer = authenticated(Loopback.FAST)) {
            peer.sendBody(AuthenticatorTest.side(Role.INITIATOR, AuthKeys.of(secret), new byte[0]).helloBody());
            assertClosedFor(peer, "unexpected hello after authentication");
        }
    }

    @Test
    public void aSilentPeerTimesOut() throws Exception {
        SessionTimings quick = new SessionTimings(Duration.ofSeconds(3), Duration.ofMillis(50), Duration.ofMillis(300),
                Duration.ofMillis(200));
        try (RawPeer peer = authenticated(quick)) {
            assertEquals(new SessionEnd(Cause.TIMEOUT, "nothing received for 300 ms"), server.awaitEnd());
            // Meanwhile the server kept us alive with pings, and sent no close to a silent peer.
            List<String> types = peer.readToEnd().stream().map(Message::type).toList();
            assertTrue(types.toString(), !types.isEmpty() && types.stream().allMatch("ping"::equals));
        }
    }

    @Test
    public void aPeerThatStopsReadingIsCut() throws Exception {
        SessionTimings quick = new SessionTimings(Duration.ofSeconds(3), Duration.ofMillis(50), Duration.ofMillis(300),
                Duration.ofMillis(200));
        byte[] block = new byte[Limits.MAX_BLOCK_LENGTH];
        server.onRequest = (s, r) -> s.sendBlock(r.id(), ByteBuffer.wrap(block));
        try (RawPeer peer = authenticated(quick)) {
            for (int i = 0; i < 4; i++) {
                peer.send(new BlockRequest(i, RelativePath.of("f"), 0, block.length, ANY_HASH));
            }
            // ...and never reads the 64 MiB it asked for; pings keep its side of the clock alive.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!server.closed.isDone() && System.nanoTime() < until) {
                peer.send(org.swarmsync.sync.internal.protocol.Ping.INSTANCE);
                Thread.sleep(50);
            }
            assertEquals(new SessionEnd(Cause.TIMEOUT, "the peer stopped reading: a write was blocked for 300 ms"),
                    server.awaitEnd());
        }
    }

    @Test
    public void honestSessionsKeepEachOtherAlive() throws Exception {
        SessionTimings quick = new SessionTimings(Duration.ofSeconds(3), Duration.ofMillis(50), Duration.ofMillis(300),
                Duration.ofMillis(200));
        Recorder other = new Recorder();
        PeerSession[] s = loop.pair(secret, other, secret, server, quick);
        other.awaitAuthenticated();
        server.awaitAuthenticated();
        Thread.sleep(1200); // four idle timeouts with nothing to say but pings
        assertTrue(s[0].end().toString(), s[0].isOpen());
        assertTrue(s[1].end().toString(), s[1].isOpen());
    }
}
