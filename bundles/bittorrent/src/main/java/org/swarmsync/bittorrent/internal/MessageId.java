package org.swarmsync.bittorrent.internal;

/** BEP 3 message ids, plus the few extensions a libtorrent peer may send us. */
final class MessageId {

    static final int CHOKE = 0;
    static final int UNCHOKE = 1;
    static final int INTERESTED = 2;
    static final int NOT_INTERESTED = 3;
    static final int HAVE = 4;
    static final int BITFIELD = 5;
    static final int REQUEST = 6;
    static final int PIECE = 7;
    static final int CANCEL = 8;
    /** DHT port (BEP 5); libtorrent may send it right after the handshake. */
    static final int PORT = 9;
    /** BEP 10 extended message; sub-id 0 is the extended handshake. */
    static final int EXTENDED = 20;

    /** A keep-alive has no id; this marks it. */
    static final int KEEP_ALIVE = -1;

    private MessageId() {
    }
}
