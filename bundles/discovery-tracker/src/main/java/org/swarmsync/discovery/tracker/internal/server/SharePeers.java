package org.swarmsync.discovery.tracker.internal.server;

import java.util.Arrays;

import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.discovery.tracker.internal.wire.Endpoint;
import org.swarmsync.discovery.tracker.internal.wire.ReplyPeer;

/**
 * The peers of one share, packed into one array, oldest first: each entry is the 20-byte peer
 * id, the external address (4 + 2), the local address (4 + 2) and when it was last seen (4,
 * seconds). Packing keeps a million peers in tens of megabytes instead of hundreds; a share
 * holds few peers, so the linear scans are cheap. Not thread-safe.
 */
final class SharePeers {

    static final int ENTRY = 36;
    private static final int ID = 0;
    private static final int A = 20;
    private static final int LA = 26;
    private static final int SEEN = 32;
    private static final byte[] NONE = {};

    /** What {@link #put} did. */
    enum Put { ADDED, UPDATED, REPLACED_OLDEST }

    private byte[] data = NONE;
    private int count;

    int count() {
        return count;
    }

    /** @return when the newest entry was seen, or {@code Integer.MIN_VALUE} when empty */
    int newestSeen() {
        return count == 0 ? Integer.MIN_VALUE : readInt(data, (count - 1) * ENTRY + SEEN);
    }

    /** Drops entries seen before {@code oldestAlive}; they are all at the front. @return how many */
    int purgeSeenBefore(int oldestAlive) {
        int n = 0;
        while (n < count && readInt(data, n * ENTRY + SEEN) < oldestAlive) {
            n++;
        }
        if (n > 0) {
            System.arraycopy(data, n * ENTRY, data, 0, (count - n) * ENTRY);
            count -= n;
        }
        return n;
    }

    /**
     * Records a peer as seen now, moving it to the back. A peer is keyed by its id and external
     * address together, so nobody can move another peer's entry by sending its id.
     */
    Put put(byte[] id, Endpoint address, Endpoint local, int seen, int max) {
        Put result;
        int at = indexOf(id, address);
        if (at >= 0) {
            remove(at);
            result = Put.UPDATED;
        } else if (count >= max) {
            remove(0);
            result = Put.REPLACED_OLDEST;
        } else {
            result = Put.ADDED;
        }
        ensureRoom(max);
        int o = count * ENTRY;
        System.arraycopy(id, 0, data, o + ID, PeerId.LENGTH);
        writeEndpoint(data, o + A, address);
        writeEndpoint(data, o + LA, local);
        writeInt(data, o + SEEN, seen);
        count++;
        return result;
    }

    boolean idEquals(int index, byte[] id) {
        int o = index * ENTRY + ID;
        return Arrays.equals(data, o, o + PeerId.LENGTH, id, 0, PeerId.LENGTH);
    }

    ReplyPeer peerAt(int index) {
        int o = index * ENTRY;
        return new ReplyPeer(readEndpoint(data, o + A), readEndpoint(data, o + LA),
                PeerId.of(Arrays.copyOfRange(data, o + ID, o + ID + PeerId.LENGTH)));
    }

    private int indexOf(byte[] id, Endpoint address) {
        for (int i = 0; i < count; i++) {
            int o = i * ENTRY;
            if (idEquals(i, id) && readInt(data, o + A) == address.ip()
                    && readPort(data, o + A + 4) == address.port()) {
                return i;
            }
        }
        return -1;
    }

    private void remove(int index) {
        System.arraycopy(data, (index + 1) * ENTRY, data, index * ENTRY, (count - index - 1) * ENTRY);
        count--;
    }

    private void ensureRoom(int max) {
        int capacity = data.length / ENTRY;
        if (count < capacity) {
            return;
        }
        // Grow by half, never past the per-share bound: most shares hold a handful of peers.
        int grown = Math.min(max, capacity + (capacity >> 1) + 1);
        data = Arrays.copyOf(data, grown * ENTRY);
    }

    private static void writeEndpoint(byte[] b, int o, Endpoint e) {
        writeInt(b, o, e.ip());
        b[o + 4] = (byte) (e.port() >>> 8);
        b[o + 5] = (byte) e.port();
    }

    private static Endpoint readEndpoint(byte[] b, int o) {
        return new Endpoint(readInt(b, o), readPort(b, o + 4));
    }

    private static int readPort(byte[] b, int o) {
        return (b[o] & 0xFF) << 8 | b[o + 1] & 0xFF;
    }

    private static void writeInt(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
    }

    private static int readInt(byte[] b, int o) {
        return (b[o] & 0xFF) << 24 | (b[o + 1] & 0xFF) << 16 | (b[o + 2] & 0xFF) << 8 | b[o + 3] & 0xFF;
    }
}
