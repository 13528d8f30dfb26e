package org.swarmsync.transport.utp.internal.core;

/**
 * Tunables of the µTP engine. Times are in microseconds, sizes in bytes. The defaults follow
 * BEP 29, libutp and libtorrent (PROTOCOLS.md part 2) except where a comment says why not.
 *
 * @param maxConnections bound on all connections of one endpoint (libutp refuses SYNs beyond 3000)
 * @param maxHalfOpen bound on accepted connections that have not yet sent anything but the SYN
 * @param sendBufferBytes bytes the application may queue per connection (unsent + unacked)
 * @param recvBufferBytes receive buffer per connection; this is the advertised window
 * @param maxPayloadV4 payload bytes per packet towards IPv4 peers (1382: libutp's 1402-byte datagram)
 * @param maxPayloadV6 payload bytes per packet towards IPv6 peers (1212: Teredo-safe)
 * @param targetDelayMicros LEDBAT target queuing delay (100 ms)
 * @param gainBytes LEDBAT largest window growth per RTT (3000 bytes)
 * @param maxWindowBytes cap on the congestion window
 * @param minRtoMicros lower bound of the retransmission timeout (BEP 29 and libtorrent: 500 ms)
 * @param maxRtoMicros upper bound after back-off (60 s)
 * @param synRtoMicros first SYN timeout, doubled per retry (BEP 29: 1 s)
 * @param maxSynTransmissions SYNs sent before the dial fails
 * @param maxRetransmits consecutive timeouts before a connection fails (libutp: 4)
 * @param keepAliveMicros idle time after which a keep-alive ACK is sent (libutp: 29 s)
 * @param halfOpenTimeoutMicros how long an accepted connection may stay silent after its SYN
 * @param maxSackBytes largest SACK bitmask we send (BEP 29: a multiple of 4)
 * @param maxResetsPerSecond bound on RESETs sent for unknown connections
 */
public record UtpConfig(
        int maxConnections,
        int maxHalfOpen,
        int sendBufferBytes,
        int recvBufferBytes,
        int maxPayloadV4,
        int maxPayloadV6,
        long targetDelayMicros,
        int gainBytes,
        long maxWindowBytes,
        long minRtoMicros,
        long maxRtoMicros,
        long synRtoMicros,
        int maxSynTransmissions,
        int maxRetransmits,
        long keepAliveMicros,
        long halfOpenTimeoutMicros,
        int maxSackBytes,
        int maxResetsPerSecond) {

    /** Validates the values. */
    public UtpConfig {
        if (maxConnections < 1 || maxHalfOpen < 1 || maxHalfOpen > maxConnections) {
            throw new IllegalArgumentException("bad connection bounds");
        }
        if (sendBufferBytes < 4096 || recvBufferBytes < 4096) {
            throw new IllegalArgumentException("buffers must be at least 4 KiB");
        }
        if (maxPayloadV4 < 128 || maxPayloadV6 < 128 || maxPayloadV4 > 65507 - UtpHeader.SIZE) {
            throw new IllegalArgumentException("bad payload size");
        }
        if (maxSackBytes < 4 || maxSackBytes > 252 || maxSackBytes % 4 != 0) {
            throw new IllegalArgumentException("maxSackBytes must be a multiple of 4 in 4..252");
        }
        if (minRtoMicros <= 0 || maxRtoMicros < minRtoMicros || synRtoMicros <= 0
                || maxSynTransmissions < 1 || maxRetransmits < 1) {
            throw new IllegalArgumentException("bad timeouts");
        }
    }

    /** @return the defaults */
    public static UtpConfig defaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from these values */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxConnections = maxConnections;
        b.maxHalfOpen = maxHalfOpen;
        b.sendBufferBytes = sendBufferBytes;
        b.recvBufferBytes = recvBufferBytes;
        b.maxPayloadV4 = maxPayloadV4;
        b.maxPayloadV6 = maxPayloadV6;
        b.targetDelayMicros = targetDelayMicros;
        b.gainBytes = gainBytes;
        b.maxWindowBytes = maxWindowBytes;
        b.minRtoMicros = minRtoMicros;
        b.maxRtoMicros = maxRtoMicros;
        b.synRtoMicros = synRtoMicros;
        b.maxSynTransmissions = maxSynTransmissions;
        b.maxRetransmits = maxRetransmits;
        b.keepAliveMicros = keepAliveMicros;
        b.halfOpenTimeoutMicros = halfOpenTimeoutMicros;
        b.maxSackBytes = maxSackBytes;
        b.maxResetsPerSecond = maxResetsPerSecond;
        return b;
    }

    /** Mutable builder; every field starts at its default. */
    public static final class Builder {
        private int maxConnections = 3000;
        private int maxHalfOpen = 500;
        // larger than the 1 MiB of both libraries: on loopback and LANs the window, not the
        // delay target, is what limits a single connection; buffers grow lazily to this bound
        private int sendBufferBytes = 8 << 20;
        private int recvBufferBytes = 4 << 20;
        private int maxPayloadV4 = 1382;
        private int maxPayloadV6 = 1212;
        private long targetDelayMicros = 100_000;
        private int gainBytes = 3000;
        private long maxWindowBytes = 64L << 20;
        private long minRtoMicros = 500_000;
        private long maxRtoMicros = 60_000_000;
        private long synRtoMicros = 1_000_000;
        private int maxSynTransmissions = 5;
        private int maxRetransmits = 4;
        private long keepAliveMicros = 29_000_000;
        private long halfOpenTimeoutMicros = 30_000_000;
        private int maxSackBytes = 128;
        private int maxResetsPerSecond = 100;

        private Builder() {
        }

        public Builder maxConnections(int v) { maxConnections = v; return this; }
        public Builder maxHalfOpen(int v) { maxHalfOpen = v; return this; }
        public Builder sendBufferBytes(int v) { sendBufferBytes = v; return this; }
        public Builder recvBufferBytes(int v) { recvBufferBytes = v; return this; }
        public Builder maxPayloadV4(int v) { maxPayloadV4 = v; return this; }
        public Builder maxPayloadV6(int v) { maxPayloadV6 = v; return this; }
        public Builder targetDelayMicros(long v) { targetDelayMicros = v; return this; }
        public Builder gainBytes(int v) { gainBytes = v; return this; }
        public Builder maxWindowBytes(long v) { maxWindowBytes = v; return this; }
        public Builder minRtoMicros(long v) { minRtoMicros = v; return this; }
        public Builder maxRtoMicros(long v) { maxRtoMicros = v; return this; }
        public Builder synRtoMicros(long v) { synRtoMicros = v; return this; }
        public Builder maxSynTransmissions(int v) { maxSynTransmissions = v; return this; }
        public Builder maxRetransmits(int v) { maxRetransmits = v; return this; }
        public Builder keepAliveMicros(long v) { keepAliveMicros = v; return this; }
        public Builder halfOpenTimeoutMicros(long v) { halfOpenTimeoutMicros = v; return this; }
        public Builder maxSackBytes(int v) { maxSackBytes = v; return this; }
        public Builder maxResetsPerSecond(int v) { maxResetsPerSecond = v; return this; }

        /** @return the validated configuration */
        public UtpConfig build() {
            return new UtpConfig(maxConnections, maxHalfOpen, sendBufferBytes, recvBufferBytes,
                    maxPayloadV4, maxPayloadV6, targetDelayMicros, gainBytes, maxWindowBytes,
                    minRtoMicros, maxRtoMicros, synRtoMicros, maxSynTransmissions, maxRetransmits,
                    keepAliveMicros, halfOpenTimeoutMicros, maxSackBytes, maxResetsPerSecond);
        }
    }
}
