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
import org.swarmsync.transport.utp.internal.UtpTransport;

/** The MSE contract tests over the µTP transport on 127.0.0.1. */
public class MseOverUtpTest extends ChannelCryptoContract {

    private UtpTransport utp;
    private Listening listening;
    private final BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();

    @Before
    public void setUpUtp() throws Exception {
        utp = new UtpTransport();
        listening = utp.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), accepted::add);
    }

    @After
    public void tearDownUtp() {
        utp.close();
    }

    @Override
    Connection[] connect() throws Exception {
        Connection dialled = utp.connect(listening.localAddress(), Duration.ofSeconds(5));
        Connection server = accepted.poll(5, TimeUnit.SECONDS);
        assertNotNull("nothing accepted", server);
        return new Connection[] {dialled, server};
    }

    @Override
    int randomInputs() {
        return 60;
    }

    /** µTP on a loaded two-core machine moves tens of MB/s: 8 MiB each way keeps the run short. */
    @Override
    long bulkBytes() {
        return 8L << 20;
    }
}
