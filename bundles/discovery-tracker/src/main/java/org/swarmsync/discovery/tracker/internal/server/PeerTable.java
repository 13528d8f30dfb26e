package org.swarmsync.discovery.tracker.internal.server;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.secrets.ShareHash;
import org.swarmsync.discovery.tracker.internal.wire.Endpoint;
import org.swarmsync.discovery.tracker.internal.wire.ReplyPeer;

/**
 * The tracker's memory: shares and their peers, bounded by {@link ServerLimits} in shares, peers
 * per share and peers in total, with entries expiring after the TTL.
 *
 * <p>Shares are kept least recently announced first. Every announce touches its share with the
 * current time, so that order is also the order of each share's newest entry: expiry walks from
 * the front and stops at the first live share, and eviction under pressure takes the front.
 * Within a share, peers are kept oldest first. Not thread-safe; the core serialises access.
 */
final class PeerTable {

    /** Seconds are stored as ints relative to this instant (2023-11-14), good until 2091. */
    private static final long BASE_SECONDS = 1_700_000_000L;

    /** Expired shares dropped per request at most, so one request never does unbounded work. */
    private static final int PURGE_BUDGET = 64;

    private final ServerLimits limits;
    private final LinkedHashMap<ShareKey, SharePeers> shares = new LinkedHashMap<>(16, 0.75f, true);
    private int totalPeers;
    private long evictedPeers;

    PeerTable(ServerLimits limits) {
        this.limits = limits;
    }

    int shareCount() {
        return shares.size();
    }

    int peerCount() {
        return totalPeers;
    }

    /** @return peers dropped before their TTL because a bound was reached */
    long evictedPeers() {
        return evictedPeers;
    }

    /** @return how many peers a share holds, expired ones not yet purged included */
    int peersOf(ShareHash share) {
        SharePeers sp = shares.get(ShareKey.of(share));
        return sp == null ? 0 : sp.count();
    }

    /**
     * Lists up to {@code max} live peers of a share other than {@code exclude}, from a random
     * place in the list so that every peer gets handed out.
     */
    List<ReplyPeer> peers(ShareKey key, PeerId exclude, int max, long nowMillis, RandomGenerator random) {
        purgeExpired(nowMillis, PURGE_BUDGET);
        SharePeers sp = shares.get(key);
        if (sp == null || max <= 0) {
            return List.of();
        }
        totalPeers -= sp.purgeSeenBefore(oldestAlive(nowMillis));
        int n = sp.count();
        if (n == 0) {
            return List.of();
        }
        byte[] excluded = exclude.toBytes();
        List<ReplyPeer> out = new ArrayList<>(Math.min(n, max));
        int start = random.nextInt(n);
        for (int i = 0; i < n && out.size() < max; i++) {
            int index = (start + i) % n;
            if (!sp.idEquals(index, excluded)) {
                out.add(sp.peerAt(index));
            }
        }
        return out;
    }

    /** Records that {@code peer} announced {@code key} now, evicting the oldest entries if a bound is hit. */
    void announce(ShareKey key, PeerId peer, Endpoint address, Endpoint local, long nowMillis) {
        purgeExpired(nowMillis, PURGE_BUDGET);
        SharePeers sp = shares.get(key);
        if (sp == null) {
            if (shares.size() >= limits.maxShares()) {
                // Expired shares go first; only then does a live one make room.
                purgeExpired(nowMillis, Integer.MAX_VALUE);
                if (shares.size() >= limits.maxShares()) {
                    evictEldestShare();
                }
            }
            sp = new SharePeers();
            shares.put(key, sp);
        } else {
            totalPeers -= sp.purgeSeenBefore(oldestAlive(nowMillis));
        }
        switch (sp.put(peer.toBytes(), address, local, seconds(nowMillis), limits.maxPeersPerShare())) {
            case ADDED -> totalPeers++;
            case REPLACED_OLDEST -> evictedPeers++;
            case UPDATED -> { }
        }
        while (totalPeers > limits.maxTotalPeers()) {
            // The share just touched is the youngest, and max total >= max per share, so it survives.
            evictEldestShare();
        }
    }

    private void evictEldestShare() {
        Iterator<Map.Entry<ShareKey, SharePeers>> it = shares.entrySet().iterator();
        int n = it.next().getValue().count();
        it.remove();
        totalPeers -= n;
        evictedPeers += n;
    }

    private void purgeExpired(long nowMillis, int budget) {
        int oldestAlive = oldestAlive(nowMillis);
        Iterator<Map.Entry<ShareKey, SharePeers>> it = shares.entrySet().iterator();
        for (int i = 0; i < budget && it.hasNext(); i++) {
            SharePeers sp = it.next().getValue();
            if (sp.newestSeen() >= oldestAlive) {
                return;
            }
            totalPeers -= sp.count();
            it.remove();
        }
    }

    private int oldestAlive(long nowMillis) {
        return seconds(nowMillis) - limits.ttlSeconds();
    }

    private static int seconds(long nowMillis) {
        long s = Math.floorDiv(nowMillis, 1000L) - BASE_SECONDS;
        return (int) Math.max(Integer.MIN_VALUE + 1L, Math.min(Integer.MAX_VALUE, s));
    }
}
