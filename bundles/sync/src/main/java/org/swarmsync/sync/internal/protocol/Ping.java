package org.swarmsync.sync.internal.protocol;

import org.swarmsync.codec.bencode.BDict;

/** {@code ping}: keeps an idle session alive; needs no answer. */
public record Ping() implements Message {

    /** The wire type. */
    public static final String TYPE = "ping";

    /** The one ping there is. */
    public static final Ping INSTANCE = new Ping();

    @Override
    public String type() {
        return TYPE;
    }

    BDict toDict() {
        return BDict.builder().putUtf8("t", TYPE).build();
    }
}
