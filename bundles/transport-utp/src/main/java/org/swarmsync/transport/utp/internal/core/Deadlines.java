package org.swarmsync.transport.utp.internal.core;

/**
 * The timers of one connection, as absolute times in the caller's microseconds
 * ({@link #NEVER} when unset). Setting one tells the endpoint, which keeps the minimum over all
 * connections so that the driver knows how long it may sleep.
 */
final class Deadlines {

    static final long NEVER = Long.MAX_VALUE;

    private final UtpEndpoint ep;
    /** Retransmission timeout (also the SYN's). */
    long rto = NEVER;
    /** Zero-window probe. */
    long persist = NEVER;
    /** End of the quiet period after both FINs. */
    long linger = NEVER;
    /** An accepted connection must have heard from the dialler by then. */
    long halfOpen = NEVER;
    /** An unconfirmed acceptor sends no DATA until then. */
    long dataHold = NEVER;

    Deadlines(UtpEndpoint ep) {
        this.ep = ep;
    }

    void setRto(long at) {
        rto = at;
        ep.noteDeadline(at);
    }

    void setPersist(long at) {
        persist = at;
        ep.noteDeadline(at);
    }

    void setLinger(long at) {
        linger = at;
        ep.noteDeadline(at);
    }

    void clearAll() {
        rto = NEVER;
        persist = NEVER;
        linger = NEVER;
        halfOpen = NEVER;
        dataHold = NEVER;
    }

    /** @return the earliest of them, and {@code keepAlive} */
    long earliest(long keepAlive) {
        return Math.min(Math.min(Math.min(rto, persist), Math.min(linger, halfOpen)), Math.min(dataHold, keepAlive));
    }
}
