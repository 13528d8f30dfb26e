package org.swarmsync.sync.internal.protocol;

import org.swarmsync.codec.bencode.BDict;

/**
 * {@code close}: the sender ends the session and says why; then it closes the connection.
 *
 * @param reason human-readable text, at most 256 UTF-8 bytes
 */
public record Close(String reason) implements Message {

    /** The wire type. */
    public static final String TYPE = "close";

    /** Checks the length. */
    public Close {
        if (!Fields.fits(reason, Limits.MAX_REASON_BYTES)) {
            throw new IllegalArgumentException("close reason longer than " + Limits.MAX_REASON_BYTES + " bytes");
        }
    }

    /**
     * @param reason any text
     * @return a close message carrying as much of it as fits
     */
    public static Close truncating(String reason) {
        return new Close(Fields.truncate(reason, Limits.MAX_REASON_BYTES));
    }

    @Override
    public String type() {
        return TYPE;
    }

    BDict toDict() {
        return BDict.builder().putUtf8("t", TYPE).putUtf8("reason", reason).build();
    }

    static Close fromDict(BDict dict) throws ProtocolException {
        return new Close(Fields.text(dict, "reason", Limits.MAX_REASON_BYTES));
    }
}
