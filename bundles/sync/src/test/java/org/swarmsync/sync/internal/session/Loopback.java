package org.swarmsync.sync.internal.session;

import static org.junit.Assert.assertNotNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.secrets.Secret;
import org.swarmsync.api.transport.Connection;
import org.swarmsync.api.transport.Listening;
import org.swarmsync.transport.tcp.internal.TcpOptions;
import org.swarmsync.transport.tcp.internal.TcpTransport;

/** Real TCP on 127.0.0.1 for session tests: dial, accept, and start sessions on both ends. */
final class Loopback implements AutoCloseable {

    /** Short clocks so liveness tests take a second, not minutes. */
    static final SessionTimings FAST = new SessionTimings(Duration.ofSeconds(3), Duration.ofMillis(100),
            Duration.ofSeconds(2), Duration.ofMillis(500));

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadFactory DAEMONS = r -> {
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
    };

    final ScheduledExecutorService scheduler;
    private final TcpTransport tcp = new TcpTransport(TcpOptions.DEFAULTS);
    private final BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
    private final Listening listening;

    Loopback() throws IOException {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, DAEMONS);
        s.setRemoveOnCancelPolicy(true);
        scheduler = s;
        listening = tcp.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), accepted::add);
    }

    Connection dial() throws IOException {
        return tcp.connect(listening.localAddress(), Duration.ofSeconds(5));
    }

    Connection accept() throws InterruptedException {
        Connection c = accepted.poll(5, TimeUnit.SECONDS);
        assertNotNull("no connection accepted", c);
        return c;
    }

    SessionConfig config(Secret secret, SessionTimings timings) {
        return new SessionConfig(new LocalPeer(PeerId.random(RANDOM), RANDOM.nextLong(), "test"), AuthKeys.of(secret),
                timings, DAEMONS, scheduler);
    }

    /** Dials and accepts, starting our initiator and responder sessions: returns {initiator, responder}. */
    PeerSession[] pair(Secret initiatorSecret, Recorder initiator, Secret responderSecret, Recorder responder,
            SessionTimings timings) throws IOException, InterruptedException {
        Connection dialled = dial();
        PeerSession a = PeerSession.start(dialled, Role.INITIATOR, new byte[0], config(initiatorSecret, timings), initiator);
        PeerSession b = PeerSession.start(accept(), Role.RESPONDER, new byte[0], config(responderSecret, timings), responder);
        return new PeerSession[] {a, b};
    }

    /** Accepts one connection and runs our responder session on it. */
    PeerSession serve(Secret secret, Recorder recorder, SessionTimings timings) throws InterruptedException {
        return PeerSession.start(accept(), Role.RESPONDER, new byte[0], config(secret, timings), recorder);
    }

    @Override
    public void close() {
        listening.close();
        tcp.close();
        scheduler.shutdownNow();
    }
}
