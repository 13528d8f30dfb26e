package org.swarmsync.sync.internal.node;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;
import org.swarmsync.api.transport.Connection;
import org.swarmsync.api.transport.Listening;
import org.swarmsync.api.transport.Transport;

/** Dialling: preference order, the head start, and what happens to the connections that lose. */
public class TransportsTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 4000);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Rule
    public final Timeout timeout = Timeout.seconds(10);

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<String> failures = new ArrayList<>();

    @After
    public void stop() {
        executor.shutdownNow();
    }

    @Test
    public void transportsAreOrderedByPriorityThenScheme() {
        Transports transports = new Transports();
        transports.add(new Fake("tcp", Behaviour.CONNECT), Map.of(Transport.PRIORITY, 10));
        transports.add(new Fake("utp", Behaviour.CONNECT), Map.of(Transport.PRIORITY, 20));
        transports.add(new Fake("b", Behaviour.CONNECT), Map.of(Transport.PRIORITY, 30));
        transports.add(new Fake("a", Behaviour.CONNECT), Map.of(Transport.PRIORITY, 30));
        assertEquals(List.of("a", "b", "utp", "tcp"),
                transports.byPreference().stream().map(Transport::scheme).toList());
    }

    @Test
    public void thePreferredTransportWinsWhenItConnectsWithinItsHeadStart() throws Exception {
        Fake utp = new Fake("utp", Behaviour.CONNECT);
        Fake tcp = new Fake("tcp", Behaviour.CONNECT);
        Optional<Connection> c = Transports.connectFirst(List.of(utp, tcp), PEER, TIMEOUT, Duration.ofHours(1),
                executor, failures);
        assertEquals("utp", c.orElseThrow().scheme());
        assertEquals("the next transport is not even tried", 0, tcp.calls.get());
    }

    @Test
    public void aSilentPreferredTransportLetsTheNextConnectAfterTheHeadStartAndItsLateConnectionIsClosed()
            throws Exception {
        Fake utp = new Fake("utp", Behaviour.WAIT_FOR_RELEASE);
        Fake tcp = new Fake("tcp", Behaviour.CONNECT);
        Optional<Connection> c = Transports.connectFirst(List.of(utp, tcp), PEER, TIMEOUT, Duration.ofMillis(50),
                executor, failures);
        assertEquals("tcp", c.orElseThrow().scheme());
        assertTrue(c.get().isOpen());

        utp.release.countDown(); // µTP answers after all, too late
        FakeConnection late = utp.made.poll(5, TimeUnit.SECONDS);
        assertTrue("the late connection is closed", late.closedLatch.await(5, TimeUnit.SECONDS));
        assertTrue("the winner stays open", c.get().isOpen());
    }

    @Test
    public void aFailingTransportHandsOverAtOnceWithoutWaitingForItsHeadStart() throws Exception {
        Fake utp = new Fake("utp", Behaviour.REFUSE);
        Fake tcp = new Fake("tcp", Behaviour.CONNECT);
        // An hour's head start: only the failure itself can bring TCP in before the test's timeout.
        Optional<Connection> c = Transports.connectFirst(List.of(utp, tcp), PEER, TIMEOUT, Duration.ofHours(1),
                executor, failures);
        assertEquals("tcp", c.orElseThrow().scheme());
        assertEquals(List.of("utp: refused by utp"), failures);
    }

    @Test
    public void whenEveryTransportFailsEachFailureIsReported() throws Exception {
        Optional<Connection> c = Transports.connectFirst(
                List.of(new Fake("utp", Behaviour.REFUSE), new Fake("tcp", Behaviour.THROW_RUNTIME)), PEER, TIMEOUT,
                Duration.ofMillis(10), executor, failures);
        assertFalse(c.isPresent());
        assertEquals(2, failures.size());
        assertTrue(failures.toString(), failures.contains("utp: refused by utp"));
        assertTrue(failures.toString(), failures.stream().anyMatch(f -> f.startsWith("tcp: java.lang.IllegalStateException")));
    }

    @Test
    public void noTransportMeansNoConnectionAndNoFailures() throws Exception {
        assertFalse(Transports.connectFirst(List.of(), PEER, TIMEOUT, Duration.ofMillis(10), executor, failures)
                .isPresent());
        assertEquals(List.of(), failures);
    }

    @Test
    public void aStoppedExecutorCountsAsAFailureInsteadOfHanging() throws Exception {
        executor.shutdownNow();
        assertFalse(Transports.connectFirst(List.of(new Fake("utp", Behaviour.CONNECT)), PEER, TIMEOUT,
                Duration.ofMillis(10), executor, failures).isPresent());
        assertEquals(List.of("utp: the node is stopping"), failures);
    }

    private enum Behaviour { CONNECT, REFUSE, THROW_RUNTIME, WAIT_FOR_RELEASE }

    /** A transport whose connect does what the test says. */
    private static final class Fake implements Transport {
        final String scheme;
        final Behaviour behaviour;
        final AtomicInteger calls = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);
        final BlockingQueue<FakeConnection> made = new LinkedBlockingQueue<>();

        Fake(String scheme, Behaviour behaviour) {
            this.scheme = scheme;
            this.behaviour = behaviour;
        }

        @Override
        public String scheme() {
            return scheme;
        }

        @Override
        public Listening listen(InetSocketAddress bindAddress, Consumer<Connection> onAccept) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Connection connect(InetSocketAddress remote, Duration timeout) throws IOException {
            calls.incrementAndGet();
            switch (behaviour) {
                case REFUSE -> throw new ConnectException("refused by " + scheme);
                case THROW_RUNTIME -> throw new IllegalStateException("broken " + scheme);
                case WAIT_FOR_RELEASE -> {
                    try {
                        if (!release.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                            throw new SocketTimeoutException(scheme + " timed out");
                        }
                    } catch (InterruptedException e) {
                        throw new InterruptedIOException();
                    }
                }
                default -> { }
            }
            FakeConnection c = new FakeConnection(scheme);
            made.add(c);
            return c;
        }
    }

    /** A connection that only knows whether it was closed. */
    private static final class FakeConnection implements Connection {
        final String scheme;
        final CountDownLatch closedLatch = new CountDownLatch(1);

        FakeConnection(String scheme) {
            this.scheme = scheme;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return PEER;
        }

        @Override
        public InetSocketAddress localAddress() {
            return PEER;
        }

        @Override
        public String scheme() {
            return scheme;
        }

        @Override
        public void shutdownOutput() {
        }

        @Override
        public void setReadTimeout(Duration timeout) {
        }

        @Override
        public int read(ByteBuffer dst) {
            return -1;
        }

        @Override
        public int write(ByteBuffer src) {
            return 0;
        }

        @Override
        public boolean isOpen() {
            return closedLatch.getCount() > 0;
        }

        @Override
        public void close() {
            closedLatch.countDown();
        }
    }
}
