package org.swarmsync.crypto.mse.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;

import org.junit.Test;
import org.swarmsync.api.crypto.CryptoPolicy;
import org.swarmsync.api.crypto.HandshakeException;
import org.swarmsync.api.crypto.HandshakeFailure;
import org.swarmsync.api.transport.Connection;

/** The MSE contract tests over an in-memory pipe: no sockets, so many random inputs are cheap. */
public class MseOverMemoryPipeTest extends ChannelCryptoContract {

    @Override
    Connection[] connect() {
        return MemoryPipe.pair(64 * 1024);
    }

    @Override
    int randomInputs() {
        return 300;
    }

    /**
     * A peer that never reads, behind a window smaller than our first message: the write
     * blocks, no read timeout applies, and only the watchdog can end it, on time.
     */
    @Test
    public void aWriteBlockedByAPeerThatNeverReadsStillEndsAtTheTimeout() throws Exception {
        Connection[] c = MemoryPipe.pair(128);
        try (MseChannelCrypto padded = new MseChannelCrypto(new MseSettings(4096, 400, 400))) {
            long start = System.nanoTime();
            HandshakeException e = expectFailure(
                    () -> padded.initiate(c[0], KEY, ByteBuffer.allocate(0), CryptoPolicy.RC4_REQUIRED, SHORT));
            assertEquals(HandshakeFailure.TIMEOUT, e.failure());
            assertTrue(e.getMessage(), e.getMessage().contains("no complete handshake within 300 ms"));
            assertWithin(start, SHORT);
            assertFalse(c[0].isOpen());
        }
    }
}
