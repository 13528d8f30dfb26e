package org.swarmsync.codec.bencode;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * An immutable bencode dictionary whose keys are byte strings, kept in bencode order (unsigned
 * bytes, a shorter prefix first) and unique.
 *
 * <p>Keys given as {@code String} stand for their UTF-8 bytes; protocol keys are ASCII, so
 * {@code dict.bytes("peer")} looks up the four bytes {@code peer}. The typed getters throw a
 * {@link BencodeTypeException} that names the key and the expected kind:
 *
 * <pre>{@code
 * BDict reply = Bencode.decode(datagram, 6, length - 6).asDict();
 * if (reply.bytes("m").equalsUtf8("peers")) {
 *     for (BDict peer : reply.list("peers").dicts()) {
 *         BBytes id = peer.bytes("p", 20);
 *         BBytes address = peer.bytes("a", 6);
 *         Optional<BBytes> lan = peer.optionalBytes("la");
 *     }
 * }
 * }</pre>
 */
public final class BDict implements BValue {

    private static final BValue[] NONE = {};

    /** The empty dictionary. */
    public static final BDict EMPTY = new BDict(NONE);

    // Keys at even indexes, each followed by its value; keys strictly ascending. The decoder and
    // the builder guarantee that order, so encoding is canonical without sorting again.
    private final BValue[] entries;

    BDict(BValue[] entries) {
        this.entries = entries;
    }

    /** Returns a builder for a dictionary. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder holding this dictionary's entries, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        for (int i = 0; i < entries.length; i += 2) {
            b.put((BBytes) entries[i], entries[i + 1]);
        }
        return b;
    }

    @Override
    public BType type() {
        return BType.DICT;
    }

    @Override
    public BDict asDict() {
        return this;
    }

    /** Returns the number of entries. */
    public int size() {
        return entries.length >>> 1;
    }

    /** Returns whether the dictionary has no entries. */
    public boolean isEmpty() {
        return entries.length == 0;
    }

    /** Returns the key of the {@code index}-th entry in key order. */
    public BBytes keyAt(int index) {
        return (BBytes) entries[2 * Objects.checkIndex(index, size())];
    }

    /** Returns the value of the {@code index}-th entry in key order. */
    public BValue valueAt(int index) {
        return entries[2 * Objects.checkIndex(index, size()) + 1];
    }

    /** Returns the entry index of {@code key}, or -1 if absent. */
    public int indexOf(String key) {
        if (!BBytes.isAscii(key)) {
            return indexOf(BBytes.ofUtf8(key));
        }
        int lo = 0;
        int hi = size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = ((BBytes) entries[2 * mid]).compareToAscii(key);
            if (cmp < 0) {
                lo = mid + 1;
            } else if (cmp > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Returns the entry index of {@code key}, or -1 if absent. */
    public int indexOf(BBytes key) {
        int lo = 0;
        int hi = size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = ((BBytes) entries[2 * mid]).compareTo(key);
            if (cmp < 0) {
                lo = mid + 1;
            } else if (cmp > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Returns whether {@code key} is present. */
    public boolean containsKey(String key) {
        return indexOf(key) >= 0;
    }

    /** Returns the value for {@code key}, if present. */
    public Optional<BValue> find(String key) {
        int i = indexOf(key);
        return i < 0 ? Optional.empty() : Optional.of(entries[2 * i + 1]);
    }

    /** Returns the value for {@code key}, if present. */
    public Optional<BValue> find(BBytes key) {
        int i = indexOf(key);
        return i < 0 ? Optional.empty() : Optional.of(entries[2 * i + 1]);
    }

    /** Returns the value for {@code key}, or throws {@code missing key "key"}. */
    public BValue value(String key) {
        int i = indexOf(key);
        if (i < 0) {
            throw BencodeTypeException.missingKey(key);
        }
        return entries[2 * i + 1];
    }

    /** Returns the byte string under {@code key}, or throws naming the key. */
    public BBytes bytes(String key) {
        BValue v = value(key);
        if (v instanceof BBytes b) {
            return b;
        }
        throw BencodeTypeException.wrongType(BencodeTypeException.key(key), BType.BYTES, v);
    }

    /**
     * Returns the byte string under {@code key}, which must be exactly {@code length} bytes long
     * (a 20-byte peer id, a 6-byte address), or throws naming the key and both lengths.
     */
    public BBytes bytes(String key, int length) {
        BBytes b = bytes(key);
        if (b.length() != length) {
            throw new BencodeTypeException(BencodeTypeException.key(key) + ": expected a byte string of "
                    + length + " bytes, found " + b.length() + " bytes");
        }
        return b;
    }

    /** Returns the integer under {@code key}, or throws naming the key. */
    public long integer(String key) {
        BValue v = value(key);
        if (v instanceof BInteger i) {
            return i.value();
        }
        throw BencodeTypeException.wrongType(BencodeTypeException.key(key), BType.INTEGER, v);
    }

    /**
     * Returns the integer under {@code key}, which must lie in {@code [min, max]} (a port in
     * {@code [0, 65535]}), or throws naming the key and the range.
     */
    public long integer(String key, long min, long max) {
        long v = integer(key);
        if (v < min || v > max) {
            throw new BencodeTypeException(BencodeTypeException.key(key) + ": expected an integer in ["
                    + min + ", " + max + "], found " + v);
        }
        return v;
    }

    /** Returns the list under {@code key}, or throws naming the key. */
    public BList list(String key) {
        BValue v = value(key);
        if (v instanceof BList l) {
            return l;
        }
        throw BencodeTypeException.wrongType(BencodeTypeException.key(key), BType.LIST, v);
    }

    /** Returns the dictionary under {@code key}, or throws naming the key. */
    public BDict dict(String key) {
        BValue v = value(key);
        if (v instanceof BDict d) {
            return d;
        }
        throw BencodeTypeException.wrongType(BencodeTypeException.key(key), BType.DICT, v);
    }

    /** Returns the byte string under {@code key} decoded as strict UTF-8, or throws naming the key. */
    public String utf8(String key) {
        BBytes b = bytes(key);
        try {
            return b.utf8();
        } catch (BencodeTypeException e) {
            throw BencodeTypeException.withContext(BencodeTypeException.key(key), e);
        }
    }

    /** Returns the byte string under {@code key} decoded as ASCII, or throws naming the key. */
    public String ascii(String key) {
        BBytes b = bytes(key);
        try {
            return b.ascii();
        } catch (BencodeTypeException e) {
            throw BencodeTypeException.withContext(BencodeTypeException.key(key), e);
        }
    }

    /** Returns the byte string under {@code key} if present; throws if present with another kind. */
    public Optional<BBytes> optionalBytes(String key) {
        return containsKey(key) ? Optional.of(bytes(key)) : Optional.empty();
    }

    /** Returns the integer under {@code key} if present; throws if present with another kind. */
    public OptionalLong optionalInteger(String key) {
        return containsKey(key) ? OptionalLong.of(integer(key)) : OptionalLong.empty();
    }

    /** Returns the list under {@code key} if present; throws if present with another kind. */
    public Optional<BList> optionalList(String key) {
        return containsKey(key) ? Optional.of(list(key)) : Optional.empty();
    }

    /** Returns the dictionary under {@code key} if present; throws if present with another kind. */
    public Optional<BDict> optionalDict(String key) {
        return containsKey(key) ? Optional.of(dict(key)) : Optional.empty();
    }

    /** Returns the UTF-8 text under {@code key} if present; throws if present but not UTF-8 text. */
    public Optional<String> optionalUtf8(String key) {
        return containsKey(key) ? Optional.of(utf8(key)) : Optional.empty();
    }

    /** Calls {@code action} for each entry in key order. */
    public void forEach(BiConsumer<? super BBytes, ? super BValue> action) {
        for (int i = 0; i < entries.length; i += 2) {
            action.accept((BBytes) entries[i], entries[i + 1]);
        }
    }

    /** Returns an unmodifiable map view in key order, without copying. */
    public Map<BBytes, BValue> asMap() {
        return new DictMapView(this);
    }

    // The encoder, equality and the map view walk the owned array directly.
    BValue[] entries() {
        return entries;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof BDict other && Arrays.equals(entries, other.entries);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(entries);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < entries.length; i += 2) {
            sb.append(i == 0 ? "" : ", ").append(entries[i]).append('=').append(entries[i + 1]);
        }
        return sb.append('}').toString();
    }

    /**
     * Collects entries for a {@link BDict} and sorts them into bencode order on {@link #build()}.
     * Putting a key twice is an error, because a silently replaced entry is a bug waiting to
     * happen; {@link #remove(String)} first to replace one. Not thread-safe.
     */
    public static final class Builder {
        private final TreeMap<BBytes, BValue> map = new TreeMap<>();

        private Builder() {
        }

        /**
         * Adds an entry.
         *
         * @throws IllegalArgumentException if the key is already present
         */
        public Builder put(BBytes key, BValue value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (map.putIfAbsent(key, value) != null) {
                throw new IllegalArgumentException("duplicate key " + key);
            }
            return this;
        }

        /** Adds an entry under the UTF-8 bytes of {@code key}. */
        public Builder put(String key, BValue value) {
            return put(BBytes.ofUtf8(key), value);
        }

        /** Adds an integer entry. */
        public Builder put(String key, long value) {
            return put(key, BInteger.of(value));
        }

        /** Adds a byte-string entry holding a copy of {@code value}. */
        public Builder put(String key, byte[] value) {
            return put(key, BBytes.of(value));
        }

        /** Adds a byte-string entry holding the UTF-8 encoding of {@code text}. */
        public Builder putUtf8(String key, String text) {
            return put(key, BBytes.ofUtf8(text));
        }

        /** Adds {@code value} under {@code key} if it is present. */
        public Builder putIfPresent(String key, Optional<? extends BValue> value) {
            value.ifPresent(v -> put(key, v));
            return this;
        }

        /** Removes the entry under {@code key}, if any. */
        public Builder remove(String key) {
            map.remove(BBytes.ofUtf8(key));
            return this;
        }

        /** Returns the dictionary built so far, keys in bencode order. */
        public BDict build() {
            if (map.isEmpty()) {
                return EMPTY;
            }
            BValue[] entries = new BValue[map.size() * 2];
            int i = 0;
            for (Map.Entry<BBytes, BValue> e : map.entrySet()) {
                entries[i++] = e.getKey();
                entries[i++] = e.getValue();
            }
            return new BDict(entries);
        }
    }
}
