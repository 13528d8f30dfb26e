package org.swarmsync.sync.internal.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.swarmsync.codec.bencode.BBytes;
import org.swarmsync.codec.bencode.BDict;
import org.swarmsync.codec.bencode.BencodeTypeException;

/** Reading and writing the field shapes several messages share, with their limits. */
final class Fields {

    private Fields() {
    }

    /**
     * @return the UTF-8 text under {@code key}, at most {@code maxBytes} long
     * @throws ProtocolException if it is longer, or not valid UTF-8
     */
    static String text(BDict dict, String key, int maxBytes) throws ProtocolException {
        BBytes bytes = dict.bytes(key);
        if (bytes.length() > maxBytes) {
            throw new ProtocolException("key \"" + key + "\" is " + bytes.length() + " bytes, more than " + maxBytes);
        }
        try {
            return bytes.utf8();
        } catch (BencodeTypeException e) {
            throw new ProtocolException("key \"" + key + "\" is not valid UTF-8");
        }
    }

    /** @return the 8-byte big-endian device id as a long */
    static long device(BBytes bytes) {
        return bytes.asReadOnlyBuffer().getLong();
    }

    /** @return the device id as 8 big-endian bytes */
    static byte[] device(long device) {
        return ByteBuffer.allocate(Limits.DEVICE_LENGTH).putLong(device).array();
    }

    /**
     * Text that must fit a byte limit on the wire (a close reason we write): cut at the last
     * whole character that fits, so the peer gets valid UTF-8.
     */
    static String truncate(String text, int maxBytes) {
        if (text.length() * 3 <= maxBytes || text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return text;
        }
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > maxBytes) {
                break;
            }
            bytes += n;
            end += Character.charCount(cp);
        }
        return text.substring(0, end);
    }

    /** @return whether {@code text} fits {@code maxBytes} in UTF-8 */
    static boolean fits(String text, int maxBytes) {
        return text.getBytes(StandardCharsets.UTF_8).length <= maxBytes;
    }
}
