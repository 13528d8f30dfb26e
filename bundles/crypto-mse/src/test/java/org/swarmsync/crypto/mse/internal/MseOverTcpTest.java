package org.swarmsync.crypto.mse.internal;

import static org.junit.Assert.assertNotNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.swarmsync.api.transport.Connection;
import org.swarmsync.api.transport.Listening;
import org.swarmsync.transport.tcp.internal.TcpOptions;
import org.swarmsync.transport.tcp.internal.TcpTransport;

/** The MSE contract tests over the TCP transport on 127.0.0.1. */
public class MseOverTcpTest extends ChannelCryptoContract {

    private TcpTransport tcp;
    private Listening listening;
    private final BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();

    @Before
    public void setUpTcp() throws Exception {
        tcp = new TcpTransport(TcpOptions.DEFAULTS);
        listening = tcp.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), accepted::add);
    }

    @After
    public void tearDownTcp() {
        tcp.close();
    }

    @Override
    Connection[] connect() throws Exception {
        Connection dialled = tcp.connect(listening.localAddress(), Duration.ofSeconds(5));
        Connection server = accepted.poll(5, TimeUnit.SECONDS);
        assertNotNull("nothing accepted", server);
        return new Connection[] {dialled, server};
    }
}
