package org.swarmsync.transport.utp.internal.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import org.junit.Test;

/** LEDBAT's growth per round trip, for standard and for large (loopback-only) packets. */
public class LedbatTest {

    private static final int GAIN = 3000;
    private static final int STANDARD = 1382;

    /** A window that left slow start through a loss and then has a whole window acknowledged at zero delay. */
    private static long growthAfterLoss(int packetSize) {
        Ledbat cc = new Ledbat(100_000, GAIN, STANDARD, 64L * packetSize, 64L << 20, 0);
        cc.onLoss(0, 10, 1_000_000, packetSize);
        assertFalse(cc.slowStart());
        long w = cc.window();
        assertEquals(32L * packetSize, w);
        cc.onAck((int) w, 0, w, 0, packetSize);
        return cc.window() - w;
    }

    @Test
    public void standardPacketsGrowByTheGainPerWindow() {
        assertEquals(GAIN, growthAfterLoss(STANDARD));
    }

    @Test
    public void smallerPacketsKeepTheGain() {
        assertEquals(GAIN, growthAfterLoss(1212));
    }

    @Test
    public void largePacketsScaleTheGainWithTheirSize() {
        // the same growth in packets as 3000 bytes are of a standard packet: about 2.2 packets
        long growth = growthAfterLoss(65_487);
        assertEquals((double) GAIN * 65_487 / STANDARD, growth, 1.0);
    }

    @Test
    public void delayAtTheTargetStopsGrowthWhateverThePacketSize() {
        Ledbat cc = new Ledbat(100_000, GAIN, STANDARD, 64L * 65_487, 64L << 20, 0);
        cc.onLoss(0, 10, 1_000_000, 65_487);
        long w = cc.window();
        cc.onAck((int) w, 100_000, w, 0, 65_487);
        assertEquals(w, cc.window());
    }
}
