package org.swarmsync.sync.internal.protocol;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;

import org.junit.Test;

/** Each test uses frame sizes of its own: the pool is shared by everything in the JVM. */
public class FrameBuffersTest {

    @Test
    public void aLargeFrameGivenBackCarriesTheNextFrameOfItsSize() {
        int length = 333_333;
        ByteBuffer first = FrameBuffers.forFrame(length);
        assertEquals(0, first.position());
        assertEquals(length, first.limit());
        assertEquals(length, first.capacity());
        assertEquals(0, first.array().length % FrameBuffers.GRANULE);
        byte[] array = first.array();
        FrameBuffers.giveBack(first.slice(100, 1000)); // any view that shares the array will do
        ByteBuffer second = FrameBuffers.forFrame(length - 1); // the same size class
        assertTrue("the array given back is used again", second.array() == array);
        assertEquals(length - 1, second.remaining());
        assertTrue("and only once", FrameBuffers.forFrame(length).array() != array);
    }

    @Test
    public void smallFramesAndBuffersNotOfThePoolAreNotKept() {
        long before = FrameBuffers.keptBytes();
        FrameBuffers.giveBack(FrameBuffers.forFrame(1000));
        FrameBuffers.giveBack(FrameBuffers.forFrame(444_444).asReadOnlyBuffer());
        FrameBuffers.giveBack(ByteBuffer.allocate(FrameBuffers.MIN_KEPT + 1)); // not a pool size
        FrameBuffers.giveBack(ByteBuffer.allocateDirect(FrameBuffers.MIN_KEPT));
        assertEquals(before, FrameBuffers.keptBytes());
    }

    @Test
    public void whatIsKeptIsBounded() {
        int length = 3 * FrameBuffers.MIN_KEPT + 12_345;
        int arrays = (int) (FrameBuffers.MAX_KEPT_BYTES / length) + 5;
        ByteBuffer[] frames = new ByteBuffer[arrays];
        for (int i = 0; i < arrays; i++) {
            frames[i] = FrameBuffers.forFrame(length);
        }
        for (ByteBuffer frame : frames) {
            FrameBuffers.giveBack(frame);
        }
        assertTrue(FrameBuffers.keptBytes() + " bytes kept", FrameBuffers.keptBytes() <= FrameBuffers.MAX_KEPT_BYTES);
        int reused = 0;
        for (int i = 0; i < arrays; i++) {
            byte[] array = FrameBuffers.forFrame(length).array();
            for (ByteBuffer frame : frames) {
                if (frame.array() == array) {
                    reused++;
                    break;
                }
            }
        }
        assertTrue("some were kept: " + reused, reused > 0 && reused < arrays);
    }
}
