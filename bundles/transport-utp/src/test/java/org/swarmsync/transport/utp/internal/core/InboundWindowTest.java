package org.swarmsync.transport.utp.internal.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;

import org.junit.Test;

/** When reading makes the receiver tell the sender about its reopened window. */
public class InboundWindowTest {

    private static final int CAPACITY = 1 << 20;
    private static final int PACKET = 16 * 1024;

    /** A receiver holding {@code unread} bytes, whose last advertised window counted them. */
    private static Inbound filled(int unread) {
        Inbound in = new Inbound(CAPACITY, 64, 100, DatagramKeeper.NONE);
        ByteBuffer payload = ByteBuffer.allocate(PACKET);
        for (int seq = 101; unread > 0; seq++, unread -= PACKET) {
            assertEquals(Inbound.IN_ORDER, in.onData(seq, payload, 0, PACKET));
        }
        in.advertise();
        return in;
    }

    @Test
    public void readingAnEighthOfTheBufferIsWorthAnUpdate() {
        Inbound in = filled(CAPACITY / 2);
        in.read(ByteBuffer.allocate(CAPACITY / 8 - 1));
        assertFalse(in.windowUpdateDue());
        in.read(ByteBuffer.allocate(1));
        assertTrue(in.windowUpdateDue());
    }

    @Test
    public void advertisingTheWindowResetsTheCount() {
        Inbound in = filled(CAPACITY / 2);
        in.read(ByteBuffer.allocate(CAPACITY / 4));
        assertTrue(in.windowUpdateDue());
        assertEquals(CAPACITY - CAPACITY / 4, in.advertise());
        assertFalse(in.windowUpdateDue());
    }
}
