package org.swarmsync.sync.internal.session;

import org.swarmsync.sync.internal.protocol.BlockRequest;
import org.swarmsync.sync.internal.protocol.IndexUpdate;

/**
 * What a {@link PeerSession} reports, implemented by the orchestrator. Every call comes from
 * the session's one reader thread, in the order the peer sent things, so a listener needs no
 * locking per session; but while a call runs the session reads nothing more, so anything
 * slow (disk reads for {@link #onRequest}) belongs on the orchestrator's own threads, and so
 * do the bulk sends {@link PeerSession#sendIndex} and {@link PeerSession#sendBlock}, which
 * refuse to run on the reader thread. A call that throws ends the session
 * ({@link SessionEnd.Cause#INTERNAL}).
 */
public interface SessionListener {

    /**
     * Both proofs verified: from now on the peer may learn the folder's content. Typically
     * answer with {@link PeerSession#want(long)}.
     */
    void onAuthenticated(PeerSession session, PeerInfo peer);

    /**
     * The peer asks for our entries with a sequence above {@code since}: answer, from another
     * thread, with {@link PeerSession#sendIndex} calls, the last with {@code done}, then keep
     * sending deltas (each with {@code done}) as the local index changes.
     */
    void onWant(PeerSession session, long since);

    /** A batch of the peer's index, fully validated; {@code update.done()} ends the answer to our want. */
    void onIndex(PeerSession session, IndexUpdate update);

    /**
     * The peer asks for a block; answer, from another thread, with exactly one of
     * {@link PeerSession#sendBlock} or {@link PeerSession#sendBlockError}.
     */
    void onRequest(PeerSession session, BlockRequest request);

    /** The session ended; called once, last, after every outstanding request of ours has failed. */
    void onClosed(PeerSession session, SessionEnd end);
}
