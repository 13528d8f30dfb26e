package org.swarmsync.transport.utp.internal.core;

/**
 * Round-trip time and retransmission timeout, in microseconds (BEP 29 / RFC 6298):
 * {@code rtt_var += (|rtt - sample| - rtt_var) / 4; rtt += (sample - rtt) / 8;
 * rto = max(rtt + 4 rtt_var, min)}, doubled per consecutive timeout up to a cap.
 */
final class RttEstimator {

    private final long minRto;
    private final long maxRto;
    private final long initialRto;
    private long srtt = -1;
    private long rttVar;
    private int backoff;

    RttEstimator(long minRto, long maxRto, long initialRto) {
        this.minRto = minRto;
        this.maxRto = maxRto;
        this.initialRto = initialRto;
    }

    /** Feeds one sample, taken only from a packet transmitted exactly once (Karn). */
    void sample(long rtt) {
        if (rtt < 0) {
            return;
        }
        if (srtt < 0) {
            srtt = rtt;
            rttVar = rtt / 2;
        } else {
            long delta = srtt - rtt;
            rttVar += (Math.abs(delta) - rttVar) / 4;
            srtt += (rtt - srtt) / 8;
        }
    }

    /** @return the current timeout including back-off */
    long rto() {
        long base = srtt < 0 ? initialRto : Math.max(minRto, srtt + 4 * rttVar);
        long t = base << Math.min(backoff, 16);
        return Math.min(t, maxRto);
    }

    void backOff() {
        backoff++;
    }

    void resetBackoff() {
        backoff = 0;
    }

    /** @return smoothed RTT in microseconds, or -1 before the first sample */
    long srtt() {
        return srtt;
    }
}
