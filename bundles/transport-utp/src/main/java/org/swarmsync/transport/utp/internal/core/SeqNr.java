package org.swarmsync.transport.utp.internal.core;

/** Arithmetic on 16-bit sequence and ack numbers, which wrap. */
final class SeqNr {

    static final int MASK = 0xffff;

    private SeqNr() {
    }

    static int add(int seq, int delta) {
        return (seq + delta) & MASK;
    }

    /** @return how far {@code to} lies ahead of {@code from}, walking upwards, in 0..65535 */
    static int distance(int from, int to) {
        return (to - from) & MASK;
    }

    /**
     * @return true if {@code a} comes before {@code b}: the shorter way from a to b is upwards
     *         (libtorrent's {@code compare_less_wrap})
     */
    static boolean before(int a, int b) {
        int up = (b - a) & MASK;
        int down = (a - b) & MASK;
        return up < down;
    }

    /** The same comparison on 32-bit microsecond timestamps, which also wrap. */
    static boolean before32(int a, int b) {
        return Integer.compareUnsigned(b - a, a - b) < 0;
    }
}
