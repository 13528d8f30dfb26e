package org.swarmsync.codec.bencode;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads exactly one bencoded value from a stream, consuming no byte past it.
 *
 * <p>A light scan follows the structure (string lengths, integer ends, nesting) to find where the
 * value ends, copying its bytes into a private buffer; then the strict {@link Parser} decodes
 * that buffer, so both paths share every rule and message. The scan enforces the size, depth
 * and count limits as it goes, and a string payload is read in chunks into a buffer that grows
 * only as bytes actually arrive: a stream that claims a huge string and then stalls costs no
 * more memory than it sent. When the scan meets malformed or missing input, it stops and lets
 * the parser report the problem at its offset.
 */
final class StreamReader {

    private static final int CHUNK = 64 * 1024;
    private static final int MAX_INTEGER_BODY = 20; // '-' and 19 digits

    private final InputStream in;
    private final DecodeLimits limits;
    private final boolean allowUnsortedKeys;
    private byte[] buf;
    private int count;

    StreamReader(InputStream in, DecodeLimits limits, boolean allowUnsortedKeys) {
        this.in = in;
        this.limits = limits;
        this.allowUnsortedKeys = allowUnsortedKeys;
    }

    BValue read() throws IOException {
        int c = in.read();
        if (c < 0) {
            throw new EOFException("end of stream before a bencoded value");
        }
        buf = new byte[Math.min(256, limits.maxInputBytes())];
        boolean complete = scan(c);
        Parser parser = new Parser(buf, 0, count, limits, allowUnsortedKeys);
        BValue value = parser.parse();
        if (!complete) {
            // The scan stopped at a problem, so the parser must have thrown; never reached.
            throw new BencodeException(count, "malformed input");
        }
        return value;
    }

    /** Copies one value's bytes into buf; returns false if it stopped at malformed or missing input. */
    private boolean scan(int first) throws IOException {
        int c = first;
        int depth = 0;
        int values = 0;
        for (;;) {
            int tokenStart = count;
            append(c);
            if (c >= '0' && c <= '9') {
                values = countValue(values, tokenStart);
                if (!readString(c, tokenStart)) {
                    return false;
                }
            } else if (c == 'i') {
                values = countValue(values, tokenStart);
                int n = 0;
                do {
                    c = in.read();
                    if (c < 0 || ++n > MAX_INTEGER_BODY + 1) {
                        return false;
                    }
                    append(c);
                } while (c != 'e');
            } else if (c == 'l' || c == 'd') {
                if (depth >= limits.maxDepth()) {
                    throw new BencodeException(tokenStart, "nesting depth exceeds the limit of " + limits.maxDepth());
                }
                values = countValue(values, tokenStart);
                depth++;
            } else if (c == 'e' && depth > 0) {
                depth--;
            } else {
                return false;
            }
            if (depth == 0) {
                return true;
            }
            c = in.read();
            if (c < 0) {
                return false;
            }
        }
    }

    private boolean readString(int first, int tokenStart) throws IOException {
        long length = first - '0';
        int digits = 1;
        int c;
        while ((c = in.read()) != ':') {
            if (c < 0) {
                return false;
            }
            append(c);
            if (c < '0' || c > '9' || ++digits > 18) {
                return false;
            }
            length = length * 10 + (c - '0');
        }
        append(c);
        if (first == '0' && digits > 1) {
            return false; // leading zero: the parser names it
        }
        if (length > limits.maxStringLength()) {
            throw new BencodeException(tokenStart, "string length " + length + " exceeds the limit of "
                    + limits.maxStringLength() + " bytes");
        }
        if (count + length > limits.maxInputBytes()) {
            throw tooLong();
        }
        int remaining = (int) length;
        while (remaining > 0) {
            ensureCapacity(count + Math.min(remaining, CHUNK));
            int n = in.read(buf, count, Math.min(remaining, buf.length - count));
            if (n < 0) {
                return false;
            }
            count += n;
            remaining -= n;
        }
        return true;
    }

    private int countValue(int values, int tokenStart) {
        if (values >= limits.maxValues()) {
            throw new BencodeException(tokenStart, "more than " + limits.maxValues() + " values");
        }
        return values + 1;
    }

    private void append(int c) {
        if (count >= limits.maxInputBytes()) {
            throw tooLong();
        }
        if (count == buf.length) {
            ensureCapacity(count + 1);
        }
        buf[count++] = (byte) c;
    }

    private void ensureCapacity(int needed) {
        if (needed > buf.length) {
            long grown = Math.max(needed, 2L * buf.length);
            buf = Arrays.copyOf(buf, (int) Math.min(grown, limits.maxInputBytes()));
        }
    }

    private BencodeException tooLong() {
        return new BencodeException(limits.maxInputBytes(), "input exceeds the limit of "
                + limits.maxInputBytes() + " bytes");
    }
}
