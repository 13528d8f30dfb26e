package org.swarmsync.sync.internal.session;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.swarmsync.api.secrets.Secret;
import org.swarmsync.sync.internal.model.Hash256;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.protocol.BlockRequest;
import org.swarmsync.sync.internal.protocol.Message;
import org.swarmsync.sync.internal.protocol.Want;

/**
 * A peer that dies unseen (SIGKILL, power cut) with our requests unanswered leaves a
 * connection where nothing of ours awaits acknowledgement, so the transport cannot notice:
 * the session pings after a probe interval of silence on both sides, which gives it
 * something to retransmit and lets it fail in seconds (found by itests SwarmIT, where a
 * download stalled for a minute after its seed was killed).
 */
public class DeadPeerProbeTest {

    /** Ping interval 12 s, so the probe interval is 1 s; the idle timeout stays out of the way. */
    private static final SessionTimings TIMINGS = new SessionTimings(Duration.ofSeconds(30), Duration.ofSeconds(12),
            Duration.ofSeconds(30), Duration.ofMillis(500));

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

    @Test
    public void aSilentPeerThatOwesUsAnswersIsPingedLongBeforeThePingInterval() throws Exception {
        try (RawPeer peer = new RawPeer(loop.dial())) {
            PeerSession session = loop.serve(secret, server, TIMINGS);
            peer.authenticate(AuthKeys.of(secret), Role.INITIATOR);
            assertEquals(new Want(0), peer.read());
            server.authenticated.get(5, TimeUnit.SECONDS);
            CompletableFuture<?> answer = session.request(RelativePath.of("f"), 0, 10, Hash256.wrap(new byte[32]));
            assertTrue(peer.read() instanceof BlockRequest);
            long requested = System.nanoTime();
            // We never answer and never send: the session must come and ask.
            Message next = peer.read();
            long waited = System.nanoTime() - requested;
            assertEquals("ping", next.type());
            assertTrue("pinged after " + TimeUnit.NANOSECONDS.toMillis(waited) + " ms",
                    waited < TIMINGS.pingInterval().toNanos() / 2);
            assertFalse(answer.isDone());
            assertTrue(session.isOpen());
        }
    }

    @Test
    public void aSilentPeerThatOwesNothingIsNotPingedBeforeThePingInterval() throws Exception {
        try (RawPeer peer = new RawPeer(loop.dial())) {
            loop.serve(secret, server, TIMINGS);
            peer.authenticate(AuthKeys.of(secret), Role.INITIATOR);
            assertEquals(new Want(0), peer.read());
            peer.connection.setReadTimeout(Duration.ofSeconds(3)); // three probe intervals
            try {
                Message unexpected = peer.read();
                throw new AssertionError("an idle session with nothing outstanding sent " + unexpected);
            } catch (SocketTimeoutException expected) {
                // nothing to ask for: the ping waits for the ping interval
            }
        }
    }
}
