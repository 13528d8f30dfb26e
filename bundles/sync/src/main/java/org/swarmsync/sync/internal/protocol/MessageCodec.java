package org.swarmsync.sync.internal.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.swarmsync.codec.bencode.BBytes;
import org.swarmsync.codec.bencode.BDict;
import org.swarmsync.codec.bencode.BValue;
import org.swarmsync.codec.bencode.Bencode;
import org.swarmsync.codec.bencode.BencodeDecoder;
import org.swarmsync.codec.bencode.BencodeException;
import org.swarmsync.codec.bencode.DecodeLimits;

/**
 * Converts between {@link Message messages} and frame bodies (the bytes after the length
 * prefix). Decoding is strict canonical bencode with limits, checks every field of the message
 * its {@code t} names, ignores keys it does not know, and fails with a
 * {@link ProtocolException} naming the problem.
 */
public final class MessageCodec {

    /**
     * Decoder limits for any frame: nesting far deeper than v1 needs (an entry's version pair
     * sits at depth 5), and a value count that a full 4 MiB index frame stays under while a
     * 16 MiB frame of empty lists cannot turn into hundreds of megabytes of objects.
     */
    static final DecodeLimits LIMITS = new DecodeLimits(16, Limits.MAX_FRAME, Limits.MAX_FRAME, 1 << 20);

    private static final BencodeDecoder DECODER = BencodeDecoder.strict(LIMITS);

    private static final Set<String> KNOWN_TYPES = Set.of(Hello.TYPE, Auth.TYPE, Want.TYPE, IndexUpdate.TYPE,
            BlockRequest.TYPE, BlockData.TYPE, Ping.TYPE, Close.TYPE);

    private MessageCodec() {
    }

    /**
     * @param body one frame body; for a {@link BlockData} the result is a view of it, so the
     *        caller must not reuse the buffer while the message is in use
     * @return the message
     * @throws ProtocolException if the body is not a valid v1 message
     */
    public static Message decode(ByteBuffer body) throws ProtocolException {
        int length = body.remaining();
        BDict dict;
        try {
            BValue value = DECODER.decode(body);
            if (!(value instanceof BDict d)) {
                throw new ProtocolException("frame is a " + value.type().description() + ", not a dictionary");
            }
            dict = d;
        } catch (BencodeException e) {
            throw new ProtocolException("frame is not canonical bencode: " + e.getMessage(), e);
        }
        String type = type(dict);
        if (!KNOWN_TYPES.contains(type)) {
            throw new ProtocolException("unknown message type \"" + type + "\"");
        }
        try {
            return switch (type) {
                case Hello.TYPE -> Hello.fromDict(dict);
                case Auth.TYPE -> Auth.fromDict(dict);
                case Want.TYPE -> Want.fromDict(dict);
                case IndexUpdate.TYPE -> IndexUpdate.fromDict(dict, length);
                case BlockRequest.TYPE -> BlockRequest.fromDict(dict);
                case BlockData.TYPE -> block(dict);
                case Ping.TYPE -> Ping.INSTANCE;
                case Close.TYPE -> Close.fromDict(dict);
                default -> throw new AssertionError(type);
            };
        } catch (ProtocolException e) {
            // Index errors already say where they are ("index entry 17: ...").
            throw type.equals(IndexUpdate.TYPE) ? e : new ProtocolException(type + ": " + e.getMessage(), e);
        } catch (BencodeException e) {
            throw new ProtocolException(type + ": " + e.getMessage(), e);
        }
    }

    private static String type(BDict dict) throws ProtocolException {
        if (!(dict.find("t").orElse(null) instanceof BBytes t)) {
            throw new ProtocolException(dict.containsKey("t") ? "message type \"t\" is not a byte string"
                    : "message without a type \"t\"");
        }
        if (t.length() > 16) {
            throw new ProtocolException("unknown message type of " + t.length() + " bytes");
        }
        // Printable ASCII only, so the name can go into a log line and a close reason as it is.
        for (int i = 0; i < t.length(); i++) {
            if (t.byteAt(i) < 0x20 || t.byteAt(i) > 0x7e) {
                throw new ProtocolException("unknown message type (not printable ASCII)");
            }
        }
        return t.ascii();
    }

    private static Message block(BDict dict) throws ProtocolException {
        long id = dict.integer("id", 0, Long.MAX_VALUE);
        boolean hasData = dict.containsKey("data");
        if (hasData == dict.containsKey("error")) {
            throw new ProtocolException(hasData ? "both data and error" : "neither data nor error");
        }
        if (!hasData) {
            return new BlockError(id, Fields.text(dict, "error", Limits.MAX_REASON_BYTES));
        }
        BBytes data = dict.bytes("data");
        if (data.length() > Limits.MAX_BLOCK_LENGTH) {
            throw new ProtocolException("data of " + data.length() + " bytes, more than " + Limits.MAX_BLOCK_LENGTH);
        }
        return new BlockData(id, data.asReadOnlyBuffer());
    }

    /**
     * @param message any message
     * @return the frame body as buffers to write one after the other; block data is not copied
     * @throws IllegalArgumentException if the message cannot be sent (an index entry that
     *         breaks a limit)
     */
    public static ByteBuffer[] encode(Message message) {
        if (message instanceof BlockData block) {
            return blockData(block);
        }
        return new ByteBuffer[] {ByteBuffer.wrap(Bencode.encode(toDict(message)))};
    }

    /** @return the frame body of a message other than {@link BlockData}, as one array */
    public static byte[] encodeToArray(Message message) {
        if (message instanceof BlockData) {
            throw new IllegalArgumentException("block data is encoded in parts");
        }
        return Bencode.encode(toDict(message));
    }

    private static BDict toDict(Message message) {
        if (message instanceof Hello m) {
            return m.toDict();
        } else if (message instanceof Auth m) {
            return m.toDict();
        } else if (message instanceof Want m) {
            return m.toDict();
        } else if (message instanceof IndexUpdate m) {
            return m.toDict();
        } else if (message instanceof BlockRequest m) {
            return m.toDict();
        } else if (message instanceof BlockError m) {
            return m.toDict();
        } else if (message instanceof Ping m) {
            return m.toDict();
        } else if (message instanceof Close m) {
            return m.toDict();
        }
        throw new IllegalArgumentException("no single-array encoding for " + message.type());
    }

    // Canonical form written by hand around the caller's buffer: d4:data<n>:<bytes>2:idi<id>e1:t5:blocke
    // (keys in order data < id < t), so that 16 MiB of data are never copied into a frame.
    private static ByteBuffer[] blockData(BlockData block) {
        ByteBuffer data = block.data();
        byte[] head = ("d4:data" + data.remaining() + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("2:idi" + block.id() + "e1:t5:blocke").getBytes(StandardCharsets.US_ASCII);
        return new ByteBuffer[] {ByteBuffer.wrap(head), data, ByteBuffer.wrap(tail)};
    }
}
