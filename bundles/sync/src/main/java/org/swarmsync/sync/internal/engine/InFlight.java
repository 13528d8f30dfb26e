package org.swarmsync.sync.internal.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.swarmsync.sync.internal.model.Hash256;

/**
 * The block requests of one file that are out, oldest first, and the peers that went silent
 * on them. A peer whose session stays open but answers nothing (frozen, or its link dead
 * without a reset) would otherwise hold its share of the file until the session's idle
 * timeout, minutes later: its overdue requests are given up and asked of others, and it is
 * asked last until it answers again.
 */
final class InFlight {

    /** One request that is out. */
    record Request(long id, Hash256 hash, PeerLink from, long sentNanos, int length) {
    }

    private final Map<Long, Request> out = new LinkedHashMap<>();
    private final Set<PeerLink> silent = new HashSet<>();
    private long nextId;
    private long bytes;

    Request add(Hash256 hash, PeerLink from, int length, long nowNanos) {
        Request request = new Request(nextId++, hash, from, nowNanos, length);
        out.put(request.id(), request);
        bytes += length;
        return request;
    }

    /**
     * @return the request this answer is for, no longer out, or null if it was given up
     *         already (its answer may still be of use: the block may still be missing)
     */
    Request answered(long id) {
        Request request = out.remove(id);
        if (request != null) {
            bytes -= request.length();
        }
        return request;
    }

    /** Marks a peer as answering again. */
    void heardFrom(PeerLink peer) {
        silent.remove(peer);
    }

    /** @return the requests older than {@code patienceNanos}, given up; their peers now count as silent */
    List<Request> giveUpOverdue(long nowNanos, long patienceNanos) {
        List<Request> overdue = new ArrayList<>();
        for (Iterator<Request> it = out.values().iterator(); it.hasNext(); ) {
            Request request = it.next();
            if (nowNanos - request.sentNanos() < patienceNanos) {
                break; // oldest first: the rest are younger
            }
            it.remove();
            bytes -= request.length();
            silent.add(request.from());
            overdue.add(request);
        }
        return overdue;
    }

    /** @return peers that let a request go overdue and have not answered since */
    Set<PeerLink> silent() {
        return silent;
    }

    int count() {
        return out.size();
    }

    long bytes() {
        return bytes;
    }
}
