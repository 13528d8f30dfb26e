package org.swarmsync.codec.bencode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Canonical encoding. Dictionaries already hold their keys in bencode order (an invariant of
 * {@link BDict}), so encoding is a plain walk; integers are written minimally by hand.
 *
 * <p>The walk uses an explicit stack, so values of any depth encode without recursion. Output
 * goes into a byte array: either the exact-size result (its length computed first), or a chunk
 * that is drained to a stream or buffer when full.
 */
final class Encoder {

    private static final int CHUNK = 8192;
    private static final int MAX_TOKEN = 21; // 'i', '-', 19 digits, 'e' fit with room; also "<len>:"

    private final byte[] buf;
    private int pos;
    private final OutputStream out;   // drain target in stream mode, else null
    private final ByteBuffer dst;     // drain target in buffer mode, else null

    private Encoder(byte[] buf, int pos, OutputStream out, ByteBuffer dst) {
        this.buf = buf;
        this.pos = pos;
        this.out = out;
        this.dst = dst;
    }

    static byte[] toArray(BValue value) {
        long n = length(value);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("encoded value of " + n + " bytes does not fit in an array");
        }
        byte[] result = new byte[(int) n];
        new Encoder(result, 0, null, null).walk(value);
        return result;
    }

    static void toStream(BValue value, OutputStream out) throws IOException {
        Encoder e = new Encoder(new byte[CHUNK], 0, out, null);
        try {
            e.walk(value);
            e.drain();
        } catch (UncheckedIOException x) {
            throw x.getCause();
        }
    }

    /** Writes at dst's position and advances it; writes nothing if the value does not fit. */
    static void toBuffer(BValue value, ByteBuffer dst) {
        long n = length(value);
        if (n > dst.remaining()) {
            throw new BufferOverflowException();
        }
        if (dst.hasArray()) {
            int at = dst.arrayOffset() + dst.position();
            new Encoder(dst.array(), at, null, null).walk(value);
            dst.position(dst.position() + (int) n);
        } else {
            Encoder e = new Encoder(new byte[CHUNK], 0, null, dst);
            e.walk(value);
            e.drain();
        }
    }

    /** Returns the exact encoded length of {@code value}. */
    static long length(BValue root) {
        long total = 0;
        BValue[][] arrays = new BValue[8][];
        int[] next = new int[8];
        int sp = 0;
        BValue v = root;
        for (;;) {
            if (v instanceof BBytes s) {
                total += digits(s.length()) + 1 + s.length();
            } else if (v instanceof BInteger i) {
                long n = i.value();
                total += (n < 0 ? 3 : 2) + digits(n);
            } else {
                total += 2;
                BValue[] children = v instanceof BList l ? l.elements() : ((BDict) v).entries();
                if (children.length > 0) {
                    if (sp == arrays.length) {
                        arrays = Arrays.copyOf(arrays, sp * 2);
                        next = Arrays.copyOf(next, sp * 2);
                    }
                    arrays[sp] = children;
                    next[sp++] = 0;
                }
            }
            // Find the next value to visit, leaving finished containers.
            while (sp > 0 && next[sp - 1] == arrays[sp - 1].length) {
                sp--;
            }
            if (sp == 0) {
                return total;
            }
            v = arrays[sp - 1][next[sp - 1]++];
        }
    }

    private void walk(BValue root) {
        BValue[][] arrays = new BValue[8][];
        int[] next = new int[8];
        int sp = 0;
        BValue v = root;
        for (;;) {
            if (v instanceof BBytes s) {
                writeBytes(s);
            } else if (v instanceof BInteger i) {
                writeInteger(i.value());
            } else {
                boolean list = v instanceof BList;
                BValue[] children = list ? ((BList) v).elements() : ((BDict) v).entries();
                ensure(1);
                buf[pos++] = (byte) (list ? 'l' : 'd');
                if (sp == arrays.length) {
                    arrays = Arrays.copyOf(arrays, sp * 2);
                    next = Arrays.copyOf(next, sp * 2);
                }
                arrays[sp] = children;
                next[sp++] = 0;
            }
            while (sp > 0 && next[sp - 1] == arrays[sp - 1].length) {
                arrays[--sp] = null;
                ensure(1);
                buf[pos++] = 'e';
            }
            if (sp == 0) {
                return;
            }
            v = arrays[sp - 1][next[sp - 1]++];
        }
    }

    private void writeBytes(BBytes s) {
        int n = s.length();
        ensure(MAX_TOKEN);
        pos = writeDigits(n, buf, pos);
        buf[pos++] = ':';
        if (n <= buf.length - pos) {
            s.copyToUnchecked(buf, pos);
            pos += n;
        } else {
            // Only in drain mode: a payload larger than the chunk goes out directly.
            drain();
            if (n <= buf.length) {
                s.copyToUnchecked(buf, 0);
                pos = n;
            } else if (out != null) {
                try {
                    s.writeTo(out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                dst.put(s.asReadOnlyBuffer());
            }
        }
    }

    private void writeInteger(long v) {
        ensure(MAX_TOKEN);
        buf[pos++] = 'i';
        if (v < 0) {
            buf[pos++] = '-';
        }
        pos = writeDigits(v, buf, pos);
        buf[pos++] = 'e';
    }

    /** Writes the decimal digits of |v| (Long.MIN_VALUE included) and returns the new position. */
    private static int writeDigits(long v, byte[] b, int at) {
        long q = v < 0 ? v : -v; // negative, so Long.MIN_VALUE needs no special case
        int end = at + digits(v);
        int i = end;
        do {
            b[--i] = (byte) ('0' - (q % 10));
            q /= 10;
        } while (q != 0);
        return end;
    }

    /** Number of decimal digits of |v|, without sign. */
    static int digits(long v) {
        long q = v < 0 ? v : -v;
        int n = 1;
        while (q <= -10) {
            q /= 10;
            n++;
        }
        return n;
    }

    private void ensure(int n) {
        // In exact-size mode the room was counted beforehand; only chunk modes drain.
        if ((out != null || dst != null) && buf.length - pos < n) {
            drain();
        }
    }

    private void drain() {
        if (pos == 0) {
            return;
        }
        if (out != null) {
            try {
                out.write(buf, 0, pos);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (dst != null) {
            dst.put(buf, 0, pos);
        }
        pos = 0;
    }
}
