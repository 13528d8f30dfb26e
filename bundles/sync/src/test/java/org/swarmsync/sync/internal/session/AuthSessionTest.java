package org.swarmsync.sync.internal.session;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.swarmsync.api.secrets.Access;
import org.swarmsync.api.secrets.Secret;
import org.swarmsync.codec.bencode.BDict;
import org.swarmsync.codec.bencode.BList;
import org.swarmsync.codec.bencode.Bencode;
import org.swarmsync.sync.internal.protocol.Auth;
import org.swarmsync.sync.internal.protocol.Close;
import org.swarmsync.sync.internal.protocol.Hello;
import org.swarmsync.sync.internal.protocol.Message;
import org.swarmsync.sync.internal.protocol.MessageCodec;
import org.swarmsync.sync.internal.session.SessionEnd.Cause;

/** Authentication over real TCP on loopback, with honest sessions on both ends and with hand-written hostile peers. */
public class AuthSessionTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private Loopback loop;

    @Before
    public void setUp() throws Exception {
        loop = new Loopback();
    }

    @After
    public void tearDown() {
        loop.close();
    }

    private static List<String> types(List<Message> messages) {
        return messages.stream().map(Message::type).toList();
    }

    @Test
    public void readWritePeersProveReadWrite() throws Exception {
        Secret secret = AuthenticatorTest.SECRETS.generate();
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        PeerSession[] s = loop.pair(secret, a, secret, b, Loopback.FAST);
        PeerInfo seenByA = a.awaitAuthenticated();
        PeerInfo seenByB = b.awaitAuthenticated();
        assertEquals(PeerAccess.READ_WRITE, seenByA.access());
        assertEquals(PeerAccess.READ_WRITE, seenByB.access());
        assertEquals("test", seenByA.clientName());
        assertEquals(Optional.of(seenByA), s[0].peer());
        // Each side's want reached the other.
        assertEquals(Long.valueOf(0), a.wants.poll(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(Long.valueOf(0), b.wants.poll(10, java.util.concurrent.TimeUnit.SECONDS));
        s[0].close("done");
        assertEquals(Cause.LOCAL, a.awaitEnd().cause());
        assertEquals(new SessionEnd(Cause.PEER, "the peer closed the session: done"), b.awaitEnd());
        assertTrue(s[0].awaitClosed(java.time.Duration.ofSeconds(5)));
        assertTrue(s[1].awaitClosed(java.time.Duration.ofSeconds(5)));
        assertEquals(1, a.closedCalls.get());
        assertEquals(1, b.closedCalls.get());
    }

    @Test
    public void readOnlyPeerIsProvenReadOnly() throws Exception {
        Secret secret = AuthenticatorTest.SECRETS.generate();
        Recorder rw = new Recorder();
        Recorder ro = new Recorder();
        loop.pair(secret, rw, secret.readOnly(), ro, Loopback.FAST);
        assertEquals(PeerAccess.READ_ONLY, rw.awaitAuthenticated().access());
        assertEquals(PeerAccess.READ_WRITE_CLAIMED, ro.awaitAuthenticated().access());
    }

    @Test
    public void wrongSecretFailsBothSidesAndNothingIsExchanged() throws Exception {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        // Were either side to authenticate, it would offer its index at once.
        a.onWant = (s, since) -> s.sendIndex(List.of(), 1, true);
        b.onWant = a.onWant;
        loop.pair(AuthenticatorTest.SECRETS.generate(), a, AuthenticatorTest.SECRETS.generate(), b, Loopback.FAST);
        assertEquals(new SessionEnd(Cause.AUTHENTICATION, "authentication failed"), a.awaitEnd());
        assertEquals(new SessionEnd(Cause.AUTHENTICATION, "authentication failed"), b.awaitEnd());
        assertFalse(a.authenticated.isDone());
        assertFalse(b.authenticated.isDone());
        assertTrue(a.indexes.isEmpty() && b.indexes.isEmpty() && a.wants.isEmpty() && b.wants.isEmpty());
    }

    @Test
    public void aPeerKnowingOnlyTheShareHashGetsNoIndexAndIsClosed() throws Exception {
        Recorder server = new Recorder();
        server.onWant = (s, since) -> s.sendIndex(List.of(), 1, true);
        try (RawPeer attacker = new RawPeer(loop.dial())) {
            loop.serve(AuthenticatorTest.SECRETS.generate(), server, Loopback.FAST);
            byte[] nonce = new byte[32];
            RANDOM.nextBytes(nonce);
            attacker.send(AuthenticatorTest.hello(Access.READ_ONLY, nonce));
            assertTrue(attacker.read() instanceof Hello);
            byte[] garbage = new byte[32];
            RANDOM.nextBytes(garbage);
            attacker.send(new Auth(garbage, Optional.empty()));
            List<Message> rest = attacker.readToEnd();
            assertEquals(List.of("auth", "close"), types(rest));
            assertEquals(new Close("authentication failed"), rest.get(1));
        }
        assertEquals(new SessionEnd(Cause.AUTHENTICATION, "authentication failed"), server.awaitEnd());
        assertFalse(server.authenticated.isDone());
    }

    @Test
    public void anAuthReplayedFromAnotherSessionFails() throws Exception {
        Secret secret = AuthenticatorTest.SECRETS.generate();
        Recorder first = new Recorder();
        RawPeer.Handshake recorded;
        try (RawPeer honest = new RawPeer(loop.dial())) {
            loop.serve(secret, first, Loopback.FAST);
            recorded = honest.authenticate(AuthKeys.of(secret), Role.INITIATOR);
            assertEquals(PeerAccess.READ_WRITE, first.awaitAuthenticated().access());
        }
        Recorder second = new Recorder();
        try (RawPeer replayer = new RawPeer(loop.dial())) {
            loop.serve(secret, second, Loopback.FAST);
            replayer.sendBody(recorded.helloBody());
            assertTrue(replayer.read() instanceof Hello);
            replayer.send(recorded.auth());
            List<Message> rest = replayer.readToEnd();
            assertEquals(List.of("auth", "close"), types(rest));
        }
        assertEquals(Cause.AUTHENTICATION, second.awaitEnd().cause());
        assertFalse(second.authenticated.isDone());
    }

    @Test
    public void anotherProtocolVersionIsToldSoAndClosed() throws Exception {
        Recorder server = new Recorder();
        try (RawPeer future = new RawPeer(loop.dial())) {
            loop.serve(AuthenticatorTest.SECRETS.generate(), server, Loopback.FAST);
            future.sendBody(Bencode.encode(BDict.builder().putUtf8("t", "hello").put("v", 2).put("caps", BList.EMPTY).build()));
            List<Message> got = future.readToEnd();
            assertEquals(List.of("hello", "close"), types(got));
            assertEquals(new Close("hello: unsupported version 2 (this peer speaks 1)"), got.get(1));
        }
        assertEquals(Cause.PROTOCOL, server.awaitEnd().cause());
    }

    @Test
    public void aLargeFrameBeforeAuthenticationIsRefused() throws Exception {
        Recorder server = new Recorder();
        try (RawPeer hog = new RawPeer(loop.dial())) {
            loop.serve(AuthenticatorTest.SECRETS.generate(), server, Loopback.FAST);
            hog.sendRaw(ByteBuffer.allocate(4).putInt(70_000).array());
            List<Message> got = hog.readToEnd();
            assertEquals(new Close("frame of 70000 bytes exceeds 65536"), got.get(got.size() - 1));
        }
        assertEquals(new SessionEnd(Cause.PROTOCOL, "frame of 70000 bytes exceeds 65536"), server.awaitEnd());
    }

    @Test
    public void folderMessagesBeforeAuthenticationAreRefused() throws Exception {
        Recorder server = new Recorder();
        try (RawPeer early = new RawPeer(loop.dial())) {
            loop.serve(AuthenticatorTest.SECRETS.generate(), server, Loopback.FAST);
            early.sendBody(MessageCodec.encodeToArray(new org.swarmsync.sync.internal.protocol.Want(0)));
            early.readToEnd();
        }
        assertEquals(new SessionEnd(Cause.PROTOCOL, "unexpected want before hello"), server.awaitEnd());
    }

    @Test
    public void silenceDuringTheHandshakeTimesOut() throws Exception {
        Recorder server = new Recorder();
        SessionTimings quick = new SessionTimings(java.time.Duration.ofMillis(300), java.time.Duration.ofMillis(100),
                java.time.Duration.ofSeconds(2), java.time.Duration.ofMillis(200));
        try (RawPeer mute = new RawPeer(loop.dial())) {
            loop.serve(AuthenticatorTest.SECRETS.generate(), server, quick);
            assertEquals(new SessionEnd(Cause.TIMEOUT, "no authentication within 300 ms"), server.awaitEnd());
            assertEquals(List.of("hello"), types(mute.readToEnd()));
        }
    }
}
