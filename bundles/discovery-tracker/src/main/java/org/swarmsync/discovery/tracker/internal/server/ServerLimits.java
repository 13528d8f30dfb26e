package org.swarmsync.discovery.tracker.internal.server;

/**
 * What a tracker server allows itself to hold and send.
 *
 * @param ttlSeconds how long a peer stays listed after its last request
 * @param maxShares most shares held at once; the least recently announced goes first
 * @param maxPeersPerShare most peers held per share; the least recently seen goes first
 * @param maxTotalPeers most peers held over all shares
 * @param maxPeersPerReply most peers listed in one reply
 * @param maxAmplification a reply is at most this many times the size of its request
 * @param maxReplyBytes a reply is at most this many bytes (kept below a typical MTU)
 * @param ratePerSecond requests per second a source IP may send, sustained
 * @param burst requests a source IP may send at once
 * @param maxSources most source IPs whose rate is tracked at once
 */
public record ServerLimits(int ttlSeconds, int maxShares, int maxPeersPerShare, int maxTotalPeers,
        int maxPeersPerReply, int maxAmplification, int maxReplyBytes, double ratePerSecond, int burst,
        int maxSources) {

    /** The defaults the component and the command start from. */
    public static final ServerLimits DEFAULTS = new ServerLimits(600, 100_000, 50, 500_000, 20, 8, 1200, 2.0, 20,
            20_000);

    /** Checks every limit, so a bad configuration fails at activation with a clear message. */
    public ServerLimits {
        positive("ttl", ttlSeconds);
        positive("max shares", maxShares);
        positive("max peers per share", maxPeersPerShare);
        positive("max sources", maxSources);
        positive("burst", burst);
        if (maxTotalPeers < maxPeersPerShare) {
            throw new IllegalArgumentException("max total peers (" + maxTotalPeers
                    + ") must be at least max peers per share (" + maxPeersPerShare + ")");
        }
        if (maxPeersPerReply < 0) {
            throw new IllegalArgumentException("max peers per reply must not be negative: " + maxPeersPerReply);
        }
        // A reply with no peers is about as long as its request, so a factor below 2 would starve replies.
        if (maxAmplification < 2) {
            throw new IllegalArgumentException("max amplification must be at least 2: " + maxAmplification);
        }
        if (maxReplyBytes < 256 || maxReplyBytes > 65_000) {
            throw new IllegalArgumentException("max reply bytes must be in [256, 65000]: " + maxReplyBytes);
        }
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate per second must be positive: " + ratePerSecond);
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
    }

    /** @return a copy with another TTL */
    public ServerLimits withTtlSeconds(int seconds) {
        return new ServerLimits(seconds, maxShares, maxPeersPerShare, maxTotalPeers, maxPeersPerReply,
                maxAmplification, maxReplyBytes, ratePerSecond, burst, maxSources);
    }

    /** @return a copy with other table bounds */
    public ServerLimits withTable(int shares, int peersPerShare, int totalPeers) {
        return new ServerLimits(ttlSeconds, shares, peersPerShare, totalPeers, maxPeersPerReply,
                maxAmplification, maxReplyBytes, ratePerSecond, burst, maxSources);
    }

    /** @return a copy with another rate limit */
    public ServerLimits withRate(double perSecond, int newBurst, int sources) {
        return new ServerLimits(ttlSeconds, maxShares, maxPeersPerShare, maxTotalPeers, maxPeersPerReply,
                maxAmplification, maxReplyBytes, perSecond, newBurst, sources);
    }
}
