package org.swarmsync.codec.bencode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A bencode byte string: arbitrary bytes, never implicitly text.
 *
 * <p>A decoded byte string is a view of the decoder's input (offset and length); it copies only
 * when asked, by {@link #toByteArray()} or {@link #copyTo(byte[], int)}. The text accessors
 * {@link #utf8()} and {@link #ascii()} are explicit about their charset and reject bytes that
 * are not valid in it.
 *
 * <p>Equality, {@link #hashCode()} and {@link #compareTo(BBytes) ordering} are by content;
 * ordering compares bytes as unsigned, a shorter prefix first, which is bencode's dictionary
 * key order.
 */
public final class BBytes implements BValue, Comparable<BBytes> {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int TO_STRING_MAX = 32;

    /** The empty byte string. */
    public static final BBytes EMPTY = new BBytes(new byte[0], 0, 0);

    // A byte[], or for input without an accessible array (direct or read-only buffers) a
    // private ByteBuffer duplicate read with absolute indexes, so the caller's position and
    // limit do not matter. One field of either type keeps the object at 24 bytes: byte strings
    // are most of what a decoder allocates.
    private final Object data;
    private final int offset;
    private final int length;

    BBytes(Object data, int offset, int length) {
        this.data = data;
        this.offset = offset;
        this.length = length;
    }

    /** Returns a byte string holding a copy of {@code bytes}. */
    public static BBytes of(byte[] bytes) {
        return new BBytes(bytes.clone(), 0, bytes.length);
    }

    /** Returns a byte string holding a copy of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static BBytes of(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return new BBytes(Arrays.copyOfRange(bytes, offset, offset + length), 0, length);
    }

    /**
     * Returns a byte string that shares {@code bytes} without copying. The caller must not
     * change the array while the value is in use.
     */
    public static BBytes wrap(byte[] bytes) {
        return new BBytes(Objects.requireNonNull(bytes), 0, bytes.length);
    }

    /** Like {@link #wrap(byte[])}, for {@code length} bytes from {@code offset}. */
    public static BBytes wrap(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return new BBytes(bytes, offset, length);
    }

    /** Returns the UTF-8 encoding of {@code text} as a byte string. */
    public static BBytes ofUtf8(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new BBytes(b, 0, b.length);
    }

    /**
     * Returns the ASCII encoding of {@code text} as a byte string.
     *
     * @throws IllegalArgumentException if {@code text} has a character outside ASCII
     */
    public static BBytes ofAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                throw new IllegalArgumentException("not ASCII: the character at index " + i);
            }
        }
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return new BBytes(b, 0, b.length);
    }

    @Override
    public BType type() {
        return BType.BYTES;
    }

    @Override
    public BBytes asBytes() {
        return this;
    }

    /** Returns the number of bytes. */
    public int length() {
        return length;
    }

    /** Returns whether this byte string has no bytes. */
    public boolean isEmpty() {
        return length == 0;
    }

    /** Returns the byte at {@code index} (0-based). */
    public byte byteAt(int index) {
        Objects.checkIndex(index, length);
        return get(index);
    }

    private byte get(int index) {
        return data instanceof byte[] a ? a[offset + index] : ((ByteBuffer) data).get(offset + index);
    }

    /** Returns a new array with a copy of the bytes. */
    public byte[] toByteArray() {
        byte[] copy = new byte[length];
        copyTo(copy, 0);
        return copy;
    }

    /**
     * Returns a byte string that owns a copy of these bytes. A decoded byte string keeps its
     * whole input alive and changes with it; keep a copy instead when the value outlives the
     * input, e.g. a peer id taken from a receive buffer that is about to be reused.
     */
    public BBytes copy() {
        return new BBytes(toByteArray(), 0, length);
    }

    /** Copies the bytes into {@code dst} from {@code dstOffset}. */
    public void copyTo(byte[] dst, int dstOffset) {
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        if (data instanceof byte[] a) {
            System.arraycopy(a, offset, dst, dstOffset, length);
        } else {
            ((ByteBuffer) data).get(offset, dst, dstOffset, length);
        }
    }

    /** Returns a read-only buffer over the bytes, without copying; position 0, limit {@link #length()}. */
    public ByteBuffer asReadOnlyBuffer() {
        ByteBuffer view = data instanceof byte[] a ? ByteBuffer.wrap(a, offset, length).slice()
                : ((ByteBuffer) data).slice(offset, length);
        return view.asReadOnlyBuffer();
    }

    /** Writes the bytes to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        if (data instanceof byte[] a) {
            out.write(a, offset, length);
        } else {
            out.write(toByteArray());
        }
    }

    /**
     * Decodes the bytes as UTF-8.
     *
     * @throws BencodeTypeException if they are not valid UTF-8
     */
    public String utf8() {
        if (isAsciiBytes()) {
            return latin1();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(asReadOnlyBuffer()).toString();
        } catch (CharacterCodingException e) {
            throw new BencodeTypeException("expected UTF-8 text, found a byte string that is not valid UTF-8");
        }
    }

    /**
     * Decodes the bytes as ASCII.
     *
     * @throws BencodeTypeException if a byte is outside ASCII
     */
    public String ascii() {
        if (!isAsciiBytes()) {
            throw new BencodeTypeException("expected ASCII text, found a byte string with non-ASCII bytes");
        }
        return latin1();
    }

    private String latin1() {
        return data instanceof byte[] a
                ? new String(a, offset, length, StandardCharsets.ISO_8859_1)
                : new String(toByteArray(), StandardCharsets.ISO_8859_1);
    }

    private boolean isAsciiBytes() {
        for (int i = 0; i < length; i++) {
            if (get(i) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Returns whether the bytes equal those of {@code other}. */
    public boolean contentEquals(byte[] other) {
        if (other.length != length) {
            return false;
        }
        if (data instanceof byte[] a) {
            return Arrays.equals(a, offset, offset + length, other, 0, length);
        }
        for (int i = 0; i < length; i++) {
            if (get(i) != other[i]) {
                return false;
            }
        }
        return true;
    }

    /** Returns whether the bytes equal the UTF-8 encoding of {@code text}, e.g. {@code m.equalsUtf8("ping")}. */
    public boolean equalsUtf8(String text) {
        if (isAscii(text)) {
            return text.length() == length && compareToAscii(text) == 0;
        }
        return contentEquals(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the bytes as lower-case hexadecimal. */
    public String toHex() {
        return hex(length);
    }

    private String hex(int count) {
        StringBuilder sb = new StringBuilder(count * 2);
        for (int i = 0; i < count; i++) {
            int b = get(i) & 0xff;
            sb.append(HEX[b >>> 4]).append(HEX[b & 0xf]);
        }
        return sb.toString();
    }

    /** Compares as bencode orders dictionary keys: unsigned bytes, a shorter prefix first. */
    @Override
    public int compareTo(BBytes other) {
        if (data instanceof byte[] a && other.data instanceof byte[] b) {
            return Arrays.compareUnsigned(a, offset, offset + length, b, other.offset, other.offset + other.length);
        }
        int n = Math.min(length, other.length);
        for (int i = 0; i < n; i++) {
            int d = (get(i) & 0xff) - (other.get(i) & 0xff);
            if (d != 0) {
                return d;
            }
        }
        return length - other.length;
    }

    /** Like {@link #compareTo(BBytes)} against the bytes of {@code ascii}, which must be all ASCII. */
    int compareToAscii(String ascii) {
        int n = Math.min(length, ascii.length());
        for (int i = 0; i < n; i++) {
            int d = (get(i) & 0xff) - ascii.charAt(i);
            if (d != 0) {
                return d;
            }
        }
        return length - ascii.length();
    }

    static boolean isAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BBytes other) || other.length != length) {
            return false;
        }
        if (data instanceof byte[] a && other.data instanceof byte[] b) {
            return Arrays.equals(a, offset, offset + length, b, other.offset, other.offset + length);
        }
        return compareTo(other) == 0;
    }

    /** Returns the same hash as {@link Arrays#hashCode(byte[])} of {@link #toByteArray()}. */
    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < length; i++) {
            h = 31 * h + get(i);
        }
        return h;
    }

    /**
     * Returns printable ASCII in quotes, e.g. {@code "peers"}, and anything else as hexadecimal
     * in angle brackets, shortened after 32 bytes. For debugging only.
     */
    @Override
    public String toString() {
        if (length <= TO_STRING_MAX * 2 && isPrintable()) {
            return BencodeTypeException.quote(latin1());
        }
        int shown = Math.min(length, TO_STRING_MAX);
        return "<" + hex(shown) + (shown < length ? "... (" + length + " bytes)" : "") + ">";
    }

    private boolean isPrintable() {
        for (int i = 0; i < length; i++) {
            byte b = get(i);
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }

    // For the encoder: bulk copy into an array without bounds re-checks.
    void copyToUnchecked(byte[] dst, int dstOffset) {
        if (data instanceof byte[] a) {
            System.arraycopy(a, offset, dst, dstOffset, length);
        } else {
            ((ByteBuffer) data).get(offset, dst, dstOffset, length);
        }
    }
}
