package org.swarmsync.transport.utp.internal.core;

/**
 * One-way delay measurement of a connection (PROTOCOLS.md 2.4). Every packet carries the
 * sender's clock; the difference to ours ({@code reply_micro}) is echoed back in our packets.
 * The peer's echo of ours is our delay sample: minus the base delay (minimum over the
 * history) it is the queuing delay, filtered as the minimum of the last three samples.
 */
final class DelayTracker {

    /** uTorrent sends this when it has no sample yet; both libraries read it as 0. */
    private static final int UNINITIALIZED = Integer.MAX_VALUE;
    /** A drop of the peer's base delay smaller than this is clock drift, not a path change. */
    private static final int MAX_DRIFT_MICROS = 10_000;

    private final DelayHistory ours = new DelayHistory();
    private final DelayHistory theirs = new DelayHistory();
    private final long[] recent = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
    private int index;
    private int replyMicro;

    /**
     * Takes a packet's timestamps.
     *
     * @return whether it carried a sample of our delay
     */
    boolean onPacket(InboundPacket p, long now) {
        if (p.timestamp != 0) {
            replyMicro = (int) now - p.timestamp;
            int prevBase = theirs.initialized() ? theirs.base() : 0;
            theirs.add(replyMicro, now);
            int change = theirs.base() - prevBase;
            // the peer's base delay fell a little: clock drift, so raise ours by as much
            if (prevBase != 0 && change < 0 && change > -MAX_DRIFT_MICROS && ours.initialized()) {
                ours.adjustBase(-change);
            }
        }
        int sample = p.timestampDiff;
        if (sample == 0 || sample == UNINITIALIZED) {
            return false;
        }
        recent[index] = ours.add(sample, now);
        index = (index + 1) % recent.length;
        return true;
    }

    /** @return what to put in timestamp_difference_microseconds */
    int replyMicro() {
        return replyMicro;
    }

    /** @return our queuing delay: the minimum of the last three samples */
    long queuingDelay() {
        return Math.min(recent[0], Math.min(recent[1], recent[2]));
    }
}
