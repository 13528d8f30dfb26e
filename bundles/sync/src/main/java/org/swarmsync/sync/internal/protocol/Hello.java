package org.swarmsync.sync.internal.protocol;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.secrets.Access;
import org.swarmsync.codec.bencode.BBytes;
import org.swarmsync.codec.bencode.BDict;

/**
 * {@code hello}: the first message each side sends, without waiting for the other's.
 *
 * @param version the protocol version the sender speaks
 * @param peer the sender's node id
 * @param device the sender's index device id
 * @param nonce 32 fresh random bytes that make this session's auth transcript unique
 * @param clientName free text naming the client, at most 64 UTF-8 bytes
 * @param access what the sender claims to hold; proven by {@link Auth}
 */
public record Hello(int version, PeerId peer, long device, byte[] nonce, String clientName, Access access)
        implements Message {

    /** The wire type. */
    public static final String TYPE = "hello";

    /** Checks lengths and takes a copy of the nonce. */
    public Hello {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(access, "access");
        if (nonce.length != Limits.NONCE_LENGTH) {
            throw new IllegalArgumentException("nonce of " + nonce.length + " bytes");
        }
        if (!Fields.fits(clientName, Limits.MAX_CLIENT_NAME_BYTES)) {
            throw new IllegalArgumentException("client name longer than " + Limits.MAX_CLIENT_NAME_BYTES + " bytes");
        }
        nonce = nonce.clone();
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** @return a copy of the nonce */
    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    BDict toDict() {
        return BDict.builder().putUtf8("t", TYPE).put("v", version).put("peer", peer.toBytes())
                .put("device", Fields.device(device)).put("nonce", nonce).putUtf8("name", clientName)
                .putUtf8("access", access == Access.READ_WRITE ? "rw" : "ro").build();
    }

    static Hello fromDict(BDict dict) throws ProtocolException {
        // The version first: a later version may shape everything else differently.
        long version = dict.integer("v");
        if (version != Limits.VERSION) {
            throw new ProtocolException("unsupported version " + version + " (this peer speaks " + Limits.VERSION + ")");
        }
        PeerId peer = PeerId.of(dict.bytes("peer", PeerId.LENGTH).toByteArray());
        long device = Fields.device(dict.bytes("device", Limits.DEVICE_LENGTH));
        byte[] nonce = dict.bytes("nonce", Limits.NONCE_LENGTH).toByteArray();
        String name = Fields.text(dict, "name", Limits.MAX_CLIENT_NAME_BYTES);
        BBytes access = dict.bytes("access");
        Access claimed;
        if (access.equalsUtf8("rw")) {
            claimed = Access.READ_WRITE;
        } else if (access.equalsUtf8("ro")) {
            claimed = Access.READ_ONLY;
        } else {
            throw new ProtocolException("key \"access\" is neither \"rw\" nor \"ro\"");
        }
        return new Hello((int) version, peer, device, nonce, name, claimed);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Hello that && version == that.version && peer.equals(that.peer) && device == that.device
                && Arrays.equals(nonce, that.nonce) && clientName.equals(that.clientName) && access == that.access;
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, peer, device, Arrays.hashCode(nonce), clientName, access);
    }

    @Override
    public String toString() {
        return "Hello[v" + version + ", peer " + peer + ", device " + Long.toHexString(device) + ", nonce "
                + HexFormat.of().formatHex(nonce, 0, 4) + "…, name " + clientName + ", claims " + access.label() + "]";
    }
}
