package org.swarmsync.sync.internal.protocol;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;

import java.nio.ByteBuffer;

import org.junit.Test;

/** The pool of large frame bodies: what it hands out, what it keeps, what it leaves to the collector. */
public class FrameBuffersTest {

    private static final int MIB = 1 << 20;

    @Test
    public void aBufferIsExactlyTheFrameOverAnArrayOfWholeGrains() {
        ByteBuffer frame = new FrameBuffers(8 * MIB).take(MIB + 45);
        assertEquals(0, frame.position());
        assertEquals(MIB + 45, frame.limit());
        assertEquals(MIB + 45, frame.capacity());
        assertEquals(0, frame.arrayOffset());
        assertEquals(MIB + FrameBuffers.GRAIN, frame.array().length);
    }

    @Test
    public void aGivenBackArrayServesTheNextFrameOfItsGrainOnlyOnce() {
        FrameBuffers pool = new FrameBuffers(8 * MIB);
        ByteBuffer first = pool.take(MIB + 45);
        pool.give(first);
        assertEquals(MIB + FrameBuffers.GRAIN, pool.spareBytes());
        ByteBuffer other = pool.take(2 * MIB); // another grain: a new array
        assertNotSame(first.array(), other.array());
        ByteBuffer again = pool.take(MIB + 1000); // the same grain: the spare
        assertSame(first.array(), again.array());
        assertEquals(MIB + 1000, again.limit());
        assertEquals(0, pool.spareBytes());
        assertNotSame(first.array(), pool.take(MIB + 45).array()); // taken: not handed out twice
    }

    @Test
    public void smallFramesAndForeignBuffersAreLeftToTheCollector() {
        FrameBuffers pool = new FrameBuffers(8 * MIB);
        ByteBuffer small = pool.take(FrameBuffers.MIN_POOLED - 1);
        assertEquals(FrameBuffers.MIN_POOLED - 1, small.array().length);
        pool.give(small);
        pool.give(ByteBuffer.allocateDirect(MIB));
        pool.give(ByteBuffer.allocate(MIB + 1)); // not a whole number of grains
        pool.give(ByteBuffer.wrap(new byte[2 * MIB], FrameBuffers.GRAIN, MIB).slice()); // not from the start
        assertEquals(0, pool.spareBytes());
    }

    @Test
    public void sparesBeyondTheLimitGoOldestFirst() {
        FrameBuffers pool = new FrameBuffers(2 * MIB);
        ByteBuffer oldest = pool.take(MIB);
        ByteBuffer middle = pool.take(MIB);
        ByteBuffer newest = pool.take(MIB);
        pool.give(oldest);
        pool.give(middle);
        pool.give(newest);
        assertEquals(2 * MIB, pool.spareBytes());
        assertSame(newest.array(), pool.take(MIB).array());
        assertSame(middle.array(), pool.take(MIB).array());
        assertNotSame(oldest.array(), pool.take(MIB).array());
    }
}
