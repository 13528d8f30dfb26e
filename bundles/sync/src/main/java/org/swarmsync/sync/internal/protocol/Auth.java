package org.swarmsync.sync.internal.protocol;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import org.swarmsync.codec.bencode.BDict;

/**
 * {@code auth}: the proofs that the sender holds the read-only secret and, for a read-write
 * peer, the read-write secret, bound to this session's transcript.
 *
 * @param ro HMAC-SHA256 under the read-only key
 * @param rw HMAC-SHA256 under the read-write key; present only from a peer that claims read-write
 */
public record Auth(byte[] ro, Optional<byte[]> rw) implements Message {

    /** The wire type. */
    public static final String TYPE = "auth";

    /** Checks lengths and takes copies. */
    public Auth {
        if (ro.length != Limits.PROOF_LENGTH) {
            throw new IllegalArgumentException("ro proof of " + ro.length + " bytes");
        }
        rw.ifPresent(p -> {
            if (p.length != Limits.PROOF_LENGTH) {
                throw new IllegalArgumentException("rw proof of " + p.length + " bytes");
            }
        });
        ro = ro.clone();
        rw = rw.map(byte[]::clone);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** @return a copy of the read-only proof */
    @Override
    public byte[] ro() {
        return ro.clone();
    }

    /** @return a copy of the read-write proof, if sent */
    @Override
    public Optional<byte[]> rw() {
        return rw.map(byte[]::clone);
    }

    BDict toDict() {
        BDict.Builder b = BDict.builder().putUtf8("t", TYPE).put("ro", ro);
        rw.ifPresent(p -> b.put("rw", p));
        return b.build();
    }

    static Auth fromDict(BDict dict) {
        byte[] ro = dict.bytes("ro", Limits.PROOF_LENGTH).toByteArray();
        Optional<byte[]> rw = dict.containsKey("rw")
                ? Optional.of(dict.bytes("rw", Limits.PROOF_LENGTH).toByteArray()) : Optional.empty();
        return new Auth(ro, rw);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Auth that && Arrays.equals(ro, that.ro)
                && rw.isPresent() == that.rw.isPresent() && (rw.isEmpty() || Arrays.equals(rw.get(), that.rw.get()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(ro), rw.map(Arrays::hashCode).orElse(0));
    }

    /** Proofs are one-time values, but they stay out of logs all the same. */
    @Override
    public String toString() {
        return "Auth[ro" + (rw.isPresent() ? ", rw" : "") + "]";
    }
}
