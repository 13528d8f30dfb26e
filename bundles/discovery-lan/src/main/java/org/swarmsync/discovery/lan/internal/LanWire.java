package org.swarmsync.discovery.lan.internal;

import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.secrets.ShareHash;
import org.swarmsync.codec.bencode.BBytes;
import org.swarmsync.codec.bencode.BDict;
import org.swarmsync.codec.bencode.BValue;
import org.swarmsync.codec.bencode.Bencode;
import org.swarmsync.codec.bencode.BencodeDecoder;
import org.swarmsync.codec.bencode.BencodeException;
import org.swarmsync.codec.bencode.BencodeTypeException;
import org.swarmsync.codec.bencode.DecodeLimits;

/**
 * The LAN ping: {@code BSYNC\0} + {@code {m:"ping", peer:<20>, port:<int>, share:<32>}}
 * (PROTOCOLS.md §1.5), strict bencode, every field checked, unknown keys ignored.
 */
final class LanWire {

    private static final byte[] MAGIC = {'B', 'S', 'Y', 'N', 'C', 0};

    /** A ping is about 90 bytes; anything much larger is not one. */
    static final int MAX_DATAGRAM = 512;

    /** The share id length later btsync versions put in LAN pings. */
    static final int FOREIGN_SHARE_LENGTH = 20;

    private static final BencodeDecoder DECODER = BencodeDecoder.strict(new DecodeLimits(2, MAX_DATAGRAM, 128, 32));

    private LanWire() {
    }

    static byte[] encode(Ping ping) {
        byte[] body = Bencode.encode(BDict.builder()
                .putUtf8("m", "ping")
                .put("peer", ping.peer().toBytes())
                .put("port", ping.port())
                .put("share", ping.share().toBytes())
                .build());
        byte[] out = new byte[MAGIC.length + body.length];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        System.arraycopy(body, 0, out, MAGIC.length, body.length);
        return out;
    }

    static Ping decode(byte[] buf, int length) throws LanWireException {
        if (length < MAGIC.length) {
            throw new LanWireException(LanDrop.NOT_BSYNC, "shorter than the magic");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (buf[i] != MAGIC[i]) {
                throw new LanWireException(LanDrop.NOT_BSYNC, "no BSYNC\\0 prefix");
            }
        }
        if (length > MAX_DATAGRAM) {
            throw new LanWireException(LanDrop.OVERSIZED, length + " bytes");
        }
        BValue value;
        try {
            value = DECODER.decode(buf, MAGIC.length, length - MAGIC.length);
        } catch (BencodeException e) {
            throw new LanWireException(LanDrop.MALFORMED, e.getMessage());
        }
        if (!(value instanceof BDict d)) {
            throw new LanWireException(LanDrop.MALFORMED, "body is not a dictionary");
        }
        try {
            if (!(d.value("m") instanceof BBytes m) || !m.equalsUtf8("ping")) {
                throw new LanWireException(LanDrop.WRONG_MESSAGE, "m is not \"ping\"");
            }
            BBytes share = d.bytes("share");
            if (share.length() == FOREIGN_SHARE_LENGTH) {
                throw new LanWireException(LanDrop.FOREIGN_SHARE_ID, "20-byte share id");
            }
            return new Ping(PeerId.of(d.bytes("peer", PeerId.LENGTH).toByteArray()),
                    (int) d.integer("port", 1, 65_535),
                    ShareHash.of(d.bytes("share", ShareHash.LENGTH).toByteArray()));
        } catch (BencodeTypeException e) {
            throw new LanWireException(LanDrop.BAD_FIELD, e.getMessage());
        }
    }
}
