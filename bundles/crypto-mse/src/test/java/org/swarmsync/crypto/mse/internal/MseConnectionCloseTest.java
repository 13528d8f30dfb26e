package org.swarmsync.crypto.mse.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.junit.Test;
import org.swarmsync.api.transport.Connection;

/** Closing the crypto stage releases its RC4 streams, and a closed stream shows as a closed connection. */
public class MseConnectionCloseTest {

    /** A stream that counts closes and, like NativeRc4, refuses to work once closed. */
    private static final class CountingCipher implements StreamCipher {
        int closes;

        @Override
        public void apply(byte[] buffer, int offset, int length) {
            if (closes > 0) {
                throw new IllegalStateException("closed");
            }
            for (int i = offset; i < offset + length; i++) {
                buffer[i] ^= 0x42;
            }
        }

        @Override
        public void close() {
            closes++;
        }
    }

    @Test
    public void closeClosesBothStreams() throws IOException {
        Connection[] pipe = MemoryPipe.pair(1024);
        CountingCipher decrypt = new CountingCipher();
        CountingCipher encrypt = new CountingCipher();
        MseConnection mse = new MseConnection(pipe[0], decrypt, encrypt, ByteBuffer.allocate(0));
        mse.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        ByteBuffer wire = ByteBuffer.allocate(3);
        pipe[1].read(wire);
        assertArrayEquals(new byte[] {0x43, 0x40, 0x41}, wire.array());
        mse.close();
        assertEquals(1, decrypt.closes);
        assertEquals(1, encrypt.closes);
    }

    @Test
    public void aWriteAfterCloseFailsAsIoNotAsAnIllegalState() throws IOException {
        Connection[] pipe = MemoryPipe.pair(1024);
        MseConnection mse = new MseConnection(pipe[0], new CountingCipher(), new CountingCipher(),
                ByteBuffer.allocate(0));
        mse.close();
        try {
            mse.write(ByteBuffer.wrap(new byte[] {1}));
            fail("wrote on a closed connection");
        } catch (IOException expected) {
            // the Connection contract: closing wakes or fails callers with an IOException
        }
    }
}
