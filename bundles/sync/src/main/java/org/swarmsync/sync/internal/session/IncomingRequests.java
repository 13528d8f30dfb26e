package org.swarmsync.sync.internal.session;

import java.util.HashMap;
import java.util.Map;

import org.swarmsync.sync.internal.protocol.BlockRequest;
import org.swarmsync.sync.internal.protocol.Limits;
import org.swarmsync.sync.internal.protocol.ProtocolException;

/**
 * The peer's requests we have not answered yet. A peer over the protocol's budget (256
 * requests, 64 MiB) or reusing an outstanding id breaks the protocol: it is asking us to hold
 * more work than it may.
 */
final class IncomingRequests {

    private final Map<Long, BlockRequest> pending = new HashMap<>();
    private long bytes;

    /** @throws ProtocolException if the request breaks the budget or reuses an id */
    synchronized void admit(BlockRequest request) throws ProtocolException {
        if (pending.containsKey(request.id())) {
            throw new ProtocolException("request: id " + request.id() + " is already outstanding");
        }
        if (pending.size() >= Limits.MAX_OUTSTANDING_REQUESTS) {
            throw new ProtocolException("request: more than " + Limits.MAX_OUTSTANDING_REQUESTS + " outstanding");
        }
        if (bytes + request.length() > Limits.MAX_OUTSTANDING_BYTES) {
            throw new ProtocolException("request: more than " + Limits.MAX_OUTSTANDING_BYTES + " bytes outstanding");
        }
        pending.put(request.id(), request);
        bytes += request.length();
    }

    /** @return the outstanding request with this id, left outstanding, or null if there is none */
    synchronized BlockRequest find(long id) {
        return pending.get(id);
    }

    /** @return the outstanding request with this id, now answered, or null if there is none */
    synchronized BlockRequest answer(long id) {
        BlockRequest request = pending.remove(id);
        if (request != null) {
            bytes -= request.length();
        }
        return request;
    }

    /** Forgets every outstanding request: the session ended. */
    synchronized void clear() {
        pending.clear();
        bytes = 0;
    }
}
