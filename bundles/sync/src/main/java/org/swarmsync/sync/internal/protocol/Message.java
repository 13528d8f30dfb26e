package org.swarmsync.sync.internal.protocol;

/**
 * One message of the session protocol: the content of one frame, a bencoded dictionary whose
 * key {@code t} names the type. {@link MessageCodec} converts between messages and frames.
 */
public sealed interface Message permits Hello, Auth, Want, IndexUpdate, BlockRequest, BlockData, BlockError,
        Ping, Close {

    /** @return the wire type, the value of key {@code t} */
    String type();
}
