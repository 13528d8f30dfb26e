package org.swarmsync.sync.internal.engine;

import java.util.concurrent.atomic.AtomicBoolean;

import org.swarmsync.sync.internal.session.PeerInfo;
import org.swarmsync.sync.internal.session.PeerSession;

/**
 * One authenticated session the engine kept, with what the index announcer needs to know
 * about it.
 */
final class PeerLink {

    final PeerSession session;
    final PeerInfo info;
    /** Whether we apply this peer's changes (see {@link PeerRegistry}). */
    final boolean writer;

    // Announcer state: touched only by the announcer's runs for this link (one at a time),
    // except the want, which the reader thread sets before scheduling a run.
    volatile long wantSince = -1;
    volatile long sentUpTo;
    boolean answered;
    volatile long lastSentNanos = System.nanoTime() - IndexAnnouncer.DELTA_INTERVAL_NANOS;
    final AtomicBoolean scheduled = new AtomicBoolean();

    PeerLink(PeerSession session, PeerInfo info, boolean writer) {
        this.session = session;
        this.info = info;
        this.writer = writer;
    }

    long device() {
        return info.device();
    }

    @Override
    public String toString() {
        return "peer " + info.peer().hex().substring(0, 8) + " (" + info.clientName() + ", "
                + info.access().name().toLowerCase() + ")";
    }
}
