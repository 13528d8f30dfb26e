package org.swarmsync.sync.internal.engine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.secrets.Access;
import org.swarmsync.sync.internal.session.PeerAccess;
import org.swarmsync.sync.internal.session.PeerInfo;
import org.swarmsync.sync.internal.session.PeerSession;
import org.swarmsync.sync.internal.session.Role;

/**
 * The folder's authenticated sessions, at most one per peer. When a second session with the
 * same peer authenticates (both dialled each other at once), both sides keep the session whose
 * initiator has the smaller peer id (the 20 bytes compared unsigned) and close the other, so
 * they agree without a word; two sessions dialled by the same side keep the older.
 *
 * <p>Who counts as a writer, whose changes we apply: with a read-write secret, a peer that
 * proved read-write. With a read-only secret we cannot check that proof, so a peer that claims
 * read-write ({@link PeerAccess#READ_WRITE_CLAIMED}) is trusted as one; any holder of the
 * read-only secret could make that claim, which a later protocol version closes with signed
 * entries (docs/protocol.md §6.4). Read-only peers are never writers: their entries only tell
 * us which blocks they can serve.
 */
final class PeerRegistry {

    /** What {@link #register} decided. */
    record Registration(PeerLink kept, PeerSession toClose) {
    }

    private final PeerId self;
    private final Access ourAccess;
    private final Map<PeerId, PeerLink> byPeer = new HashMap<>();
    private final Map<PeerSession, PeerLink> bySession = new HashMap<>();
    private final AtomicLong generation = new AtomicLong();

    PeerRegistry(PeerId self, Access ourAccess) {
        this.self = self;
        this.ourAccess = ourAccess;
    }

    boolean isWriter(PeerAccess access) {
        return ourAccess == Access.READ_WRITE ? access == PeerAccess.READ_WRITE
                : access == PeerAccess.READ_WRITE || access == PeerAccess.READ_WRITE_CLAIMED;
    }

    /**
     * Registers a newly authenticated session, unless the peer already has one we prefer.
     *
     * @return the link if the session was kept, and the session to close ("duplicate session"),
     *         if any: either this one or the one it replaces
     */
    synchronized Registration register(PeerSession session, PeerInfo info) {
        PeerLink existing = byPeer.get(info.peer());
        PeerSession toClose = null;
        if (existing != null && existing.session.isOpen()) {
            if (!prefer(session, existing.session, info.peer())) {
                return new Registration(null, session);
            }
            toClose = existing.session;
            bySession.remove(existing.session);
        } else if (existing != null) {
            bySession.remove(existing.session);
        }
        PeerLink link = new PeerLink(session, info, isWriter(info.access()));
        byPeer.put(info.peer(), link);
        bySession.put(session, link);
        generation.incrementAndGet();
        return new Registration(link, toClose);
    }

    /** @return whether {@code candidate} should replace {@code existing}, by the rule both peers apply */
    private boolean prefer(PeerSession candidate, PeerSession existing, PeerId peer) {
        byte[] a = initiator(candidate, peer).toBytes();
        byte[] b = initiator(existing, peer).toBytes();
        int order = Arrays.compareUnsigned(a, b);
        return order < 0;
    }

    private PeerId initiator(PeerSession session, PeerId peer) {
        return session.role() == Role.INITIATOR ? self : peer;
    }

    /** Forgets a session that ended. @return its link, if it was registered */
    synchronized Optional<PeerLink> remove(PeerSession session) {
        PeerLink link = bySession.remove(session);
        if (link != null && byPeer.get(link.info.peer()) == link) {
            byPeer.remove(link.info.peer());
        }
        generation.incrementAndGet();
        return Optional.ofNullable(link);
    }

    synchronized Optional<PeerLink> link(PeerSession session) {
        return Optional.ofNullable(bySession.get(session));
    }

    synchronized Optional<PeerLink> link(PeerId peer) {
        return Optional.ofNullable(byPeer.get(peer));
    }

    /** @return every registered link */
    synchronized List<PeerLink> links() {
        return List.copyOf(byPeer.values());
    }

    /** @return the registered links of writers, whose entries the puller applies */
    synchronized List<PeerLink> writers() {
        return byPeer.values().stream().filter(l -> l.writer).toList();
    }

    /** @return a number that changes whenever a peer comes or goes, or announces entries */
    long generation() {
        return generation.get();
    }

    /** A peer announced entries: downloads look at their sources again. */
    void announced() {
        generation.incrementAndGet();
    }

    synchronized int size() {
        return byPeer.size();
    }
}
