package org.swarmsync.sync.internal.protocol;

import org.swarmsync.codec.bencode.BDict;

/**
 * {@code want}: "send me your index entries with a sequence above {@code since}", sent once
 * by each side after authentication.
 *
 * @param since the highest sequence the sender already holds from the receiver's device
 */
public record Want(long since) implements Message {

    /** The wire type. */
    public static final String TYPE = "want";

    /** Checks the range. */
    public Want {
        if (since < 0) {
            throw new IllegalArgumentException("since " + since);
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    BDict toDict() {
        return BDict.builder().putUtf8("t", TYPE).put("since", since).build();
    }

    static Want fromDict(BDict dict) {
        return new Want(dict.integer("since", 0, Long.MAX_VALUE));
    }
}
