package org.swarmsync.sync.internal.session;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.swarmsync.api.secrets.Secret;
import org.swarmsync.api.transport.Connection;
import org.swarmsync.sync.internal.session.SessionEnd.Cause;

/**
 * A transport whose bundle Karaf uninstalled and refreshed mid-session: its classes that were
 * not loaded yet throw NoClassDefFoundError from read, write and close. The session must still
 * end as a transport failure and report onClosed, or the node counts a dead peer as connected
 * and never dials it again.
 */
public class GoneTransportTest {

    private Loopback loop;

    @Before
    public void setUp() throws IOException {
        loop = new Loopback();
    }

    @After
    public void tearDown() {
        loop.close();
    }

    @Test
    public void aTransportWhoseClassesVanishedEndsTheSessionAndReportsIt() throws Exception {
        Secret secret = AuthenticatorTest.SECRETS.generate();
        Recorder ours = new Recorder();
        Recorder theirs = new Recorder();
        Vanishing connection = new Vanishing(loop.dial());
        PeerSession session = PeerSession.start(connection, Role.INITIATOR, new byte[0],
                loop.config(secret, Loopback.FAST), ours);
        PeerSession other = loop.serve(secret, theirs, Loopback.FAST);
        ours.awaitAuthenticated();

        connection.gone = true;
        assertEquals(Cause.TRANSPORT, ours.awaitEnd().cause());
        assertTrue(session.awaitClosed(Duration.ofSeconds(5)));
        assertEquals(1, ours.closedCalls.get());
        other.close("done");
    }

    /** Delegates until {@link #gone}, then fails as classes of an uninstalled bundle do. */
    private static final class Vanishing implements Connection {
        private final Connection delegate;
        volatile boolean gone;

        Vanishing(Connection delegate) {
            this.delegate = delegate;
        }

        private void check() {
            if (gone) {
                throw new NoClassDefFoundError("org/example/transport/internal/Gone$1");
            }
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            check();
            return delegate.read(dst);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            check();
            return delegate.write(src);
        }

        @Override
        public void close() throws IOException {
            try {
                check();
            } finally {
                delegate.close();
            }
        }

        @Override
        public boolean isOpen() {
            return delegate.isOpen();
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return delegate.remoteAddress();
        }

        @Override
        public InetSocketAddress localAddress() {
            return delegate.localAddress();
        }

        @Override
        public String scheme() {
            return delegate.scheme();
        }

        @Override
        public void shutdownOutput() throws IOException {
            check();
            delegate.shutdownOutput();
        }

        @Override
        public void setReadTimeout(Duration timeout) {
            delegate.setReadTimeout(timeout);
        }
    }
}
