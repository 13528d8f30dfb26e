package org.swarmsync.discovery.tracker.internal.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.secrets.ShareHash;
import org.swarmsync.codec.bencode.BBytes;
import org.swarmsync.codec.bencode.BDict;
import org.swarmsync.codec.bencode.BList;
import org.swarmsync.codec.bencode.BValue;
import org.swarmsync.codec.bencode.Bencode;
import org.swarmsync.codec.bencode.BencodeDecoder;
import org.swarmsync.codec.bencode.BencodeException;
import org.swarmsync.codec.bencode.BencodeTypeException;
import org.swarmsync.codec.bencode.DecodeLimits;

/**
 * Encodes and validates the tracker datagrams: {@code BSYNC\0} followed by one bencoded
 * dictionary (PROTOCOLS.md §1.3, §1.4, UDP variant). Decoding is strict bencode, checks the
 * kind ({@code m}) and the type and exact length of every field it uses, ignores unknown keys
 * (so later extensions pass), and returns owned copies, never views of the receive buffer.
 */
public final class TrackerWire {

    /** The six bytes every datagram starts with. */
    private static final byte[] MAGIC = {'B', 'S', 'Y', 'N', 'C', 0};

    /** Length of the magic prefix. */
    public static final int MAGIC_LENGTH = MAGIC.length;

    /** Largest request datagram accepted; a real one is about 120 bytes. */
    public static final int MAX_REQUEST_BYTES = 1024;

    /** Largest reply datagram accepted by the client. */
    public static final int MAX_REPLY_BYTES = 16 * 1024;

    /** Most peers a reply may list before the client rejects it as hostile. */
    public static final int MAX_REPLY_PEERS = 256;

    /** Encoded size of one reply entry {@code d1:a6:..2:la6:..1:p20:..e}. */
    public static final int PEER_ENTRY_BYTES = 51;

    /** {@code m} of a request. */
    public static final String GET_PEERS = "get_peers";

    /** {@code m} of a reply. */
    public static final String PEERS = "peers";

    private static final BencodeDecoder REQUEST_DECODER = BencodeDecoder.strict(
            new DecodeLimits(3, MAX_REQUEST_BYTES, 256, 64));
    private static final BencodeDecoder REPLY_DECODER = BencodeDecoder.strict(
            new DecodeLimits(3, MAX_REPLY_BYTES, 1024, 16 + 8 * MAX_REPLY_PEERS));

    private TrackerWire() {
    }

    /** @return the datagram for a request */
    public static byte[] encode(GetPeers request) {
        BDict.Builder b = BDict.builder()
                .putUtf8("m", GET_PEERS)
                .put("peer", request.peer().toBytes())
                .put("share", request.share().toBytes());
        request.local().ifPresent(la -> b.put("la", la.toBytes()));
        request.port().ifPresent(port -> b.put("port", port));
        return frame(b.build());
    }

    /** @return the datagram for a reply */
    public static byte[] encode(PeersReply reply) {
        BList.Builder peers = BList.builder();
        for (ReplyPeer p : reply.peers()) {
            peers.add(BDict.builder()
                    .put("a", p.address().toBytes())
                    .put("la", p.local().toBytes())
                    .put("p", p.peer().toBytes())
                    .build());
        }
        return frame(BDict.builder()
                .putUtf8("m", PEERS)
                .put("share", reply.share().toBytes())
                .put("time", reply.time())
                .put("ea", reply.external().toBytes())
                .put("peers", peers.build())
                .build());
    }

    /**
     * @param time the reply's {@code time}
     * @return the length of a reply datagram listing no peers; each peer adds {@link #PEER_ENTRY_BYTES}
     */
    public static int emptyReplyLength(long time) {
        // d 2:ea 6:(6) 1:m 5:peers 5:peers l e 5:share 32:(32) 4:time i<digits>e e, plus the magic
        return MAGIC_LENGTH + 1 + 4 + 8 + 3 + 7 + 7 + 2 + 7 + 35 + 6 + 2 + Long.toString(time).length() + 1;
    }

    /** @return {@code BSYNC\0} followed by the canonical encoding of {@code dict} */
    public static byte[] frame(BDict dict) {
        byte[] body = Bencode.encode(dict);
        byte[] out = new byte[MAGIC_LENGTH + body.length];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC_LENGTH);
        System.arraycopy(body, 0, out, MAGIC_LENGTH, body.length);
        return out;
    }

    /**
     * Validates a {@code get_peers} request.
     *
     * @param buf the receive buffer
     * @param length the datagram's length
     * @return the request
     * @throws WireException naming why it is dropped
     */
    public static GetPeers decodeGetPeers(byte[] buf, int length) throws WireException {
        BDict d = unframe(buf, length, MAX_REQUEST_BYTES, REQUEST_DECODER);
        expectKind(d, GET_PEERS);
        try {
            PeerId peer = PeerId.of(d.bytes("peer", PeerId.LENGTH).toByteArray());
            ShareHash share = ShareHash.of(d.bytes("share", ShareHash.LENGTH).toByteArray());
            Optional<Endpoint> la = d.containsKey("la")
                    ? Optional.of(Endpoint.of(d.bytes("la", Endpoint.LENGTH)))
                    : Optional.empty();
            OptionalInt port = d.containsKey("port")
                    ? OptionalInt.of((int) d.integer("port", 1, 0xFFFF))
                    : OptionalInt.empty();
            return new GetPeers(peer, share, la, port);
        } catch (BencodeTypeException e) {
            throw new WireException(Drop.BAD_FIELD, e.getMessage());
        }
    }

    /**
     * Validates a {@code peers} reply.
     *
     * @param buf the receive buffer
     * @param length the datagram's length
     * @return the reply
     * @throws WireException naming why it is dropped
     */
    public static PeersReply decodePeers(byte[] buf, int length) throws WireException {
        BDict d = unframe(buf, length, MAX_REPLY_BYTES, REPLY_DECODER);
        expectKind(d, PEERS);
        try {
            ShareHash share = ShareHash.of(d.bytes("share", ShareHash.LENGTH).toByteArray());
            long time = d.integer("time", 0, Long.MAX_VALUE);
            Endpoint external = Endpoint.of(d.bytes("ea", Endpoint.LENGTH));
            BList list = d.list("peers");
            if (list.size() > MAX_REPLY_PEERS) {
                throw new WireException(Drop.BAD_FIELD, "key \"peers\": " + list.size()
                        + " entries, more than " + MAX_REPLY_PEERS);
            }
            List<ReplyPeer> peers = new ArrayList<>(list.size());
            for (BDict p : list.dicts()) {
                Endpoint a = Endpoint.of(p.bytes("a", Endpoint.LENGTH));
                Endpoint la = p.containsKey("la") ? Endpoint.of(p.bytes("la", Endpoint.LENGTH)) : new Endpoint(0, 0);
                PeerId id = PeerId.of(p.bytes("p", PeerId.LENGTH).toByteArray());
                peers.add(new ReplyPeer(a, la, id));
            }
            return new PeersReply(share, time, external, peers);
        } catch (BencodeTypeException e) {
            throw new WireException(Drop.BAD_FIELD, e.getMessage());
        }
    }

    /**
     * Checks the magic and size and decodes the dictionary after it.
     *
     * @throws WireException with {@link Drop#NOT_BSYNC}, {@link Drop#OVERSIZED} or {@link Drop#MALFORMED}
     */
    static BDict unframe(byte[] buf, int length, int maxLength, BencodeDecoder decoder) throws WireException {
        if (!hasMagic(buf, length)) {
            throw new WireException(Drop.NOT_BSYNC, "no BSYNC\\0 prefix");
        }
        if (length > maxLength) {
            throw new WireException(Drop.OVERSIZED, length + " bytes, more than " + maxLength);
        }
        BValue value;
        try {
            value = decoder.decode(buf, MAGIC_LENGTH, length - MAGIC_LENGTH);
        } catch (BencodeException e) {
            throw new WireException(Drop.MALFORMED, e.getMessage());
        }
        if (!(value instanceof BDict dict)) {
            throw new WireException(Drop.MALFORMED, "body is a " + value.type().description() + ", not a dictionary");
        }
        return dict;
    }

    /** @return whether the first {@code length} bytes of {@code buf} start with {@code BSYNC\0} */
    public static boolean hasMagic(byte[] buf, int length) {
        if (length < MAGIC_LENGTH) {
            return false;
        }
        for (int i = 0; i < MAGIC_LENGTH; i++) {
            if (buf[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static void expectKind(BDict d, String kind) throws WireException {
        Optional<BValue> m = d.find("m");
        if (m.isEmpty()) {
            throw new WireException(Drop.BAD_FIELD, "missing key \"m\"");
        }
        // btsync 1.0.x sent integer kinds (4 = request, 5 = reply): valid, but not ours to answer.
        if (!(m.get() instanceof BBytes b) || !b.equalsUtf8(kind)) {
            throw new WireException(Drop.WRONG_MESSAGE, "m is not \"" + kind + "\"");
        }
    }
}
