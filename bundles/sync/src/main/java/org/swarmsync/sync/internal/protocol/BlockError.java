package org.swarmsync.sync.internal.protocol;

import org.swarmsync.codec.bencode.BDict;

/**
 * {@code block} with {@code error}: the responder no longer has the requested content (the
 * file changed, was deleted, or does not hash as expected).
 *
 * @param id the id of the request this answers
 * @param reason human-readable text, at most 256 UTF-8 bytes
 */
public record BlockError(long id, String reason) implements Message {

    /** The wire type, shared with {@link BlockData}. */
    public static final String TYPE = "block";

    /** Checks ranges. */
    public BlockError {
        if (id < 0) {
            throw new IllegalArgumentException("block id " + id);
        }
        if (!Fields.fits(reason, Limits.MAX_REASON_BYTES)) {
            throw new IllegalArgumentException("block error reason longer than " + Limits.MAX_REASON_BYTES + " bytes");
        }
    }

    /**
     * @param id the request id
     * @param reason any text
     * @return an error reply carrying as much of the reason as fits
     */
    public static BlockError truncating(long id, String reason) {
        return new BlockError(id, Fields.truncate(reason, Limits.MAX_REASON_BYTES));
    }

    @Override
    public String type() {
        return TYPE;
    }

    BDict toDict() {
        return BDict.builder().putUtf8("t", TYPE).put("id", id).putUtf8("error", reason).build();
    }
}
