package org.swarmsync.codec.bencode;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One strict decode of one bencoded value held in memory.
 *
 * <p>Iterative, not recursive: open lists and dictionaries are frames on an explicit stack whose
 * depth is checked before each push, so nesting cannot overflow the Java stack. Finished
 * children wait on one shared value stack and are copied into an exact-size array when their
 * container closes, so no collection is ever over- or under-sized. Byte strings are views of
 * the input. Digits are parsed by hand with an overflow check, and a string length is compared
 * with the remaining input before anything is allocated for it.
 */
final class Parser {

    private static final byte LIST = 0;
    private static final byte DICT = 1;
    private static final byte UNSORTED_DICT = 2;
    private static final BValue[] NONE = {};

    // Exactly one of a and b is set; b is a private duplicate read with absolute indexes.
    private final byte[] a;
    private final ByteBuffer b;
    private final Object source; // whichever of a and b is set, for the byte-string views
    private final int start;
    private final int end;
    private final DecodeLimits limits;
    private final boolean allowUnsortedKeys;

    private int pos;
    private int values;

    private BValue[] stack = new BValue[16];
    private int top;

    private int depth;
    private int[] frameStart = new int[8];   // index in stack of the frame's first child
    private int[] frameOffset = new int[8];  // input position of the frame's 'l' or 'd'
    private byte[] frameKind = new byte[8];

    Parser(byte[] input, int offset, int length, DecodeLimits limits, boolean allowUnsortedKeys) {
        this(input, null, offset, offset + length, limits, allowUnsortedKeys);
    }

    Parser(ByteBuffer absolute, int start, int end, DecodeLimits limits, boolean allowUnsortedKeys) {
        this(null, absolute, start, end, limits, allowUnsortedKeys);
    }

    private Parser(byte[] a, ByteBuffer b, int start, int end, DecodeLimits limits, boolean allowUnsortedKeys) {
        this.a = a;
        this.b = b;
        this.source = a != null ? a : b;
        this.start = start;
        this.end = end;
        this.limits = limits;
        this.allowUnsortedKeys = allowUnsortedKeys;
    }

    BValue parse() {
        if (end == start) {
            throw error(start, "empty input");
        }
        if (end - start > limits.maxInputBytes()) {
            throw new BencodeException(limits.maxInputBytes(), "input of " + (end - start)
                    + " bytes exceeds the limit of " + limits.maxInputBytes() + " bytes");
        }
        pos = start;
        for (;;) {
            if (pos >= end) {
                throw truncated();
            }
            int c = at(pos);
            boolean keyPosition = depth > 0 && frameKind[depth - 1] != LIST
                    && ((top - frameStart[depth - 1]) & 1) == 0;
            BValue value;
            if (c >= '0' && c <= '9') {
                int keyStart = pos;
                countValue();
                BBytes s = readString();
                if (keyPosition) {
                    checkKeyOrder(s, keyStart);
                }
                value = s;
            } else if (c == 'i') {
                if (keyPosition) {
                    throw error(pos, "dictionary key must be a byte string, found an integer");
                }
                countValue();
                value = readInteger();
            } else if (c == 'l' || c == 'd') {
                if (keyPosition) {
                    throw error(pos, "dictionary key must be a byte string, found a " + (c == 'l' ? "list" : "dictionary"));
                }
                open(c == 'l' ? LIST : DICT);
                continue;
            } else if (c == 'e') {
                if (depth == 0) {
                    throw error(pos, "unexpected 'e' with no list or dictionary open");
                }
                if (frameKind[depth - 1] != LIST && !keyPosition) {
                    throw error(pos, "dictionary key has no value");
                }
                value = close();
            } else {
                throw error(pos, keyPosition ? "dictionary key must be a byte string, found " + describe(c)
                        : "unexpected " + describe(c));
            }
            if (depth == 0) {
                if (pos != end) {
                    throw error(pos, "trailing bytes after the value (" + (end - pos) + " bytes)");
                }
                return value;
            }
            if (top == stack.length) {
                stack = Arrays.copyOf(stack, top * 2);
            }
            stack[top++] = value;
        }
    }

    private int at(int i) {
        return a != null ? a[i] : b.get(i);
    }

    private void countValue() {
        if (++values > limits.maxValues()) {
            throw error(pos, "more than " + limits.maxValues() + " values");
        }
    }

    private BBytes readString() {
        final int s = pos;
        final int end = this.end;
        int p = s + 1;
        int c;
        long length = at(s) - '0';
        if (length == 0) {
            if (p < end && isDigit(at(p))) {
                throw error(s, "leading zero in string length");
            }
        } else {
            int digits = 1;
            while (p < end && isDigit(c = at(p))) {
                if (++digits > 18) {
                    throw error(s, "string length of more than 18 digits exceeds the remaining input");
                }
                length = length * 10 + (c - '0');
                p++;
            }
        }
        if (p >= end) {
            throw error(p, "unexpected end of input in string length");
        }
        c = at(p);
        if (c != ':') {
            throw error(p, "expected ':' after string length, found " + describe(c));
        }
        p++;
        // Both checks come before the view is made: a claimed length is never trusted.
        if (length > end - p) {
            throw error(s, "string length " + length + " exceeds the " + (end - p) + " bytes remaining");
        }
        if (length > limits.maxStringLength()) {
            throw error(s, "string length " + length + " exceeds the limit of " + limits.maxStringLength() + " bytes");
        }
        pos = p + (int) length;
        return new BBytes(source, p, (int) length);
    }

    private BInteger readInteger() {
        final int s = pos;
        final int end = this.end;
        int p = s + 1;
        if (p >= end) {
            throw error(p, "unexpected end of input in integer");
        }
        int c = at(p);
        boolean negative = c == '-';
        if (negative) {
            if (++p >= end) {
                throw error(p, "unexpected end of input in integer");
            }
            c = at(p);
        }
        if (!isDigit(c)) {
            if (c == 'e') {
                throw error(p, negative ? "integer has no digits after '-'" : "empty integer");
            }
            throw error(p, "unexpected " + describe(c) + " in integer");
        }
        long v;
        if (c == '0') {
            p++;
            if (p < end && isDigit(at(p))) {
                throw error(p - 1, "leading zero in integer");
            }
            if (negative) {
                throw error(s, "negative zero is not a valid integer");
            }
            v = 0;
        } else {
            // Accumulate as a negative number: its range reaches Long.MIN_VALUE.
            v = '0' - c;
            int digits = 1;
            p++;
            while (p < end && isDigit(c = at(p))) {
                int d = c - '0';
                if (++digits >= 19 && (digits > 19 || v < (Long.MIN_VALUE + d) / 10)) {
                    throw error(s, "integer does not fit in 64 bits");
                }
                v = v * 10 - d;
                p++;
            }
            if (!negative) {
                if (v == Long.MIN_VALUE) {
                    throw error(s, "integer does not fit in 64 bits");
                }
                v = -v;
            }
        }
        if (p >= end) {
            throw error(p, "unexpected end of input in integer");
        }
        c = at(p);
        if (c != 'e') {
            throw error(p, "unexpected " + describe(c) + " in integer");
        }
        pos = p + 1;
        return BInteger.of(v);
    }

    private void open(byte kind) {
        if (depth >= limits.maxDepth()) {
            throw error(pos, "nesting depth exceeds the limit of " + limits.maxDepth());
        }
        countValue();
        if (depth == frameKind.length) {
            int n = Math.min(depth * 2, limits.maxDepth());
            frameStart = Arrays.copyOf(frameStart, n);
            frameOffset = Arrays.copyOf(frameOffset, n);
            frameKind = Arrays.copyOf(frameKind, n);
        }
        frameStart[depth] = top;
        frameOffset[depth] = pos;
        frameKind[depth] = kind;
        depth++;
        pos++;
    }

    private BValue close() {
        int d = --depth;
        int from = frameStart[d];
        int n = top - from;
        BValue[] children = n == 0 ? NONE : Arrays.copyOfRange(stack, from, top);
        top = from;
        pos++;
        byte kind = frameKind[d];
        if (kind == LIST) {
            return n == 0 ? BList.EMPTY : new BList(children);
        }
        if (kind == UNSORTED_DICT) {
            children = sortEntries(children, frameOffset[d]);
        }
        return n == 0 ? BDict.EMPTY : new BDict(children);
    }

    private void checkKeyOrder(BBytes key, int keyStart) {
        int d = depth - 1;
        if (top - frameStart[d] < 2) {
            return;
        }
        BBytes previous = (BBytes) stack[top - 2];
        int cmp = previous.compareTo(key);
        if (cmp < 0) {
            return;
        }
        if (cmp == 0) {
            throw error(keyStart, "duplicate dictionary key " + key);
        }
        if (!allowUnsortedKeys) {
            throw error(keyStart, "dictionary key " + key + " is not sorted after " + previous);
        }
        frameKind[d] = UNSORTED_DICT;
    }

    // Lenient mode only: sort an out-of-order dictionary and reject duplicates that were not adjacent.
    private BValue[] sortEntries(BValue[] entries, int dictOffset) {
        int n = entries.length / 2;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> ((BBytes) entries[2 * x]).compareTo((BBytes) entries[2 * y]));
        BValue[] sorted = new BValue[entries.length];
        for (int i = 0; i < n; i++) {
            sorted[2 * i] = entries[2 * order[i]];
            sorted[2 * i + 1] = entries[2 * order[i] + 1];
            if (i > 0 && sorted[2 * i].equals(sorted[2 * i - 2])) {
                throw error(dictOffset, "duplicate dictionary key " + sorted[2 * i] + " in the dictionary");
            }
        }
        return sorted;
    }

    private BencodeException truncated() {
        int d = depth - 1;
        return error(end, "unexpected end of input inside the " + (frameKind[d] == LIST ? "list" : "dictionary")
                + " opened at offset " + (frameOffset[d] - start));
    }

    private BencodeException error(int position, String problem) {
        return new BencodeException(position - start, problem);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static String describe(int c) {
        int u = c & 0xff;
        if (u > 0x20 && u < 0x7f) {
            return "'" + (char) u + "'";
        }
        return String.format("byte 0x%02x", u);
    }
}
