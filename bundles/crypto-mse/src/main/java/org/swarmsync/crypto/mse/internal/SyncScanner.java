package org.swarmsync.crypto.mse.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Finds a marker after random padding, one byte at a time so it never consumes a byte past
 * the marker (those belong to the next field, or to the payload). Gives up when the marker
 * has not ended within {@code window} bytes: padding plus the marker itself.
 */
final class SyncScanner {

    private final byte[] marker;
    private final byte[] window;
    private int count;

    SyncScanner(byte[] marker, int maxPadding) {
        this.marker = marker;
        this.window = new byte[maxPadding + marker.length];
    }

    /** Outcome of one {@link #scan}. */
    enum Result { FOUND, NEED_MORE, EXHAUSTED }

    Result scan(ByteBuffer in) {
        while (in.hasRemaining()) {
            if (count == window.length) {
                return Result.EXHAUSTED;
            }
            window[count++] = in.get();
            if (count >= marker.length
                    && Arrays.equals(window, count - marker.length, count, marker, 0, marker.length)) {
                return Result.FOUND;
            }
        }
        return count == window.length ? Result.EXHAUSTED : Result.NEED_MORE;
    }

    /** @return bytes scanned so far, marker included */
    int scanned() {
        return count;
    }
}
