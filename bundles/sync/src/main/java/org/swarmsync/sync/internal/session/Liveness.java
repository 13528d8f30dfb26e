package org.swarmsync.sync.internal.session;

import org.swarmsync.sync.internal.protocol.FrameReader;
import org.swarmsync.sync.internal.protocol.FrameWriter;

/**
 * The clocks of one session: whether it authenticated in time, whether the peer still sends,
 * whether it still reads, and when we owe it a ping. Reads {@link System#nanoTime()} values
 * passed in, so it decides without sleeping; the session's watchdog and reader thread ask it.
 */
final class Liveness {

    private final SessionTimings timings;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final long startNanos;
    private volatile boolean authenticated;
    private volatile boolean dispatching;
    private volatile long lastDispatchNanos;

    Liveness(SessionTimings timings, FrameReader reader, FrameWriter writer, long startNanos) {
        this.timings = timings;
        this.reader = reader;
        this.writer = writer;
        this.startNanos = startNanos;
        this.lastDispatchNanos = startNanos;
    }

    void authenticated() {
        authenticated = true;
    }

    /** While our own listener runs, the peer's silence is not its fault: its bytes wait for us. */
    void dispatching(boolean now) {
        dispatching = now;
        if (!now) {
            lastDispatchNanos = System.nanoTime();
        }
    }

    /** @return why the session must end now, or null if it may go on */
    String expired(long now) {
        if (!authenticated && now - startNanos > timings.handshakeTimeout().toNanos()) {
            return "no authentication within " + timings.handshakeTimeout().toMillis() + " ms";
        }
        long idle = timings.idleTimeout().toNanos();
        if (!dispatching && now - latest(reader.lastProgressNanos(), lastDispatchNanos) > idle) {
            return "nothing received for " + timings.idleTimeout().toMillis() + " ms";
        }
        if (writer.blockedNanos(now) > idle) {
            return "the peer stopped reading: a write was blocked for " + timings.idleTimeout().toMillis() + " ms";
        }
        return null;
    }

    /**
     * @param awaitingAnswers whether requests of ours await the peer's answer
     * @return whether a ping is due, once authenticated: we sent nothing for a ping interval;
     *         or we await answers and both sides have been silent for a probe interval. A peer
     *         that died unseen (power cut, SIGKILL) acknowledges nothing, and a connection with
     *         nothing of ours unacknowledged never finds that out: the ping gives the
     *         transport something to retransmit until it gives up, so the requests fail in
     *         seconds and go to other peers, instead of stalling a download until the next
     *         ping interval
     */
    boolean pingDue(long now, boolean awaitingAnswers) {
        if (!authenticated) {
            return false;
        }
        long sinceWrite = now - writer.lastWriteNanos();
        if (sinceWrite >= timings.pingInterval().toNanos()) {
            return true;
        }
        long probe = timings.probeInterval().toNanos();
        return awaitingAnswers && sinceWrite >= probe && now - reader.lastProgressNanos() >= probe;
    }

    private static long latest(long a, long b) {
        return a - b > 0 ? a : b; // nanoTime readings compare by difference only
    }
}
