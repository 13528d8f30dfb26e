package org.swarmsync.sync.internal.session;

/** Which end of the connection a session is: the one that dialled, or the one that accepted. */
public enum Role {
    /** We dialled. */
    INITIATOR((byte) 'I'),
    /** We accepted. */
    RESPONDER((byte) 'R');

    private final byte transcriptByte;

    Role(byte transcriptByte) {
        this.transcriptByte = transcriptByte;
    }

    /** @return the byte that ends this side's auth transcript, so one side's proof never verifies as the other's */
    byte transcriptByte() {
        return transcriptByte;
    }

    /** @return the other end */
    Role peer() {
        return this == INITIATOR ? RESPONDER : INITIATOR;
    }
}
