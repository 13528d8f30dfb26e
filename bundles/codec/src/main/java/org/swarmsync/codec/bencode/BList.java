package org.swarmsync.codec.bencode;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.IntFunction;

/**
 * An immutable bencode list. Typed getters such as {@link #dict(int)} and {@link #dicts()}
 * throw a {@link BencodeTypeException} naming the index and the expected kind.
 */
public final class BList implements BValue, Iterable<BValue> {

    private static final BValue[] NONE = {};

    /** The empty list. */
    public static final BList EMPTY = new BList(NONE);

    // Owned, never exposed: the decoder hands over an exact-size array it built.
    private final BValue[] items;

    BList(BValue[] items) {
        this.items = items;
    }

    /** Returns a list of the given values (copied; none may be null). */
    public static BList of(BValue... values) {
        return values.length == 0 ? EMPTY : new BList(checked(values.clone()));
    }

    /** Returns a list of the given values, in iteration order (copied; none may be null). */
    public static BList of(Collection<? extends BValue> values) {
        return values.isEmpty() ? EMPTY : new BList(checked(values.toArray(NONE)));
    }

    private static BValue[] checked(BValue[] values) {
        for (BValue v : values) {
            Objects.requireNonNull(v, "list element");
        }
        return values;
    }

    /** Returns a builder for a list. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public BType type() {
        return BType.LIST;
    }

    @Override
    public BList asList() {
        return this;
    }

    /** Returns the number of elements. */
    public int size() {
        return items.length;
    }

    /** Returns whether the list has no elements. */
    public boolean isEmpty() {
        return items.length == 0;
    }

    /** Returns the element at {@code index}. */
    public BValue get(int index) {
        return items[Objects.checkIndex(index, items.length)];
    }

    /** Returns the byte string at {@code index}, or throws naming the index. */
    public BBytes bytes(int index) {
        if (get(index) instanceof BBytes b) {
            return b;
        }
        throw BencodeTypeException.wrongType(BencodeTypeException.index(index), BType.BYTES, items[index]);
    }

    /** Returns the integer at {@code index}, or throws naming the index. */
    public long integer(int index) {
        if (get(index) instanceof BInteger i) {
            return i.value();
        }
        throw BencodeTypeException.wrongType(BencodeTypeException.index(index), BType.INTEGER, items[index]);
    }

    /** Returns the list at {@code index}, or throws naming the index. */
    public BList list(int index) {
        if (get(index) instanceof BList l) {
            return l;
        }
        throw BencodeTypeException.wrongType(BencodeTypeException.index(index), BType.LIST, items[index]);
    }

    /** Returns the dictionary at {@code index}, or throws naming the index. */
    public BDict dict(int index) {
        if (get(index) instanceof BDict d) {
            return d;
        }
        throw BencodeTypeException.wrongType(BencodeTypeException.index(index), BType.DICT, items[index]);
    }

    /** Returns the elements as an unmodifiable list view. */
    public List<BValue> values() {
        return new View<>(items);
    }

    /** Returns the elements, which must all be dictionaries, e.g. the {@code peers} of a tracker reply. */
    public List<BDict> dicts() {
        return typed(this::dict);
    }

    /** Returns the elements, which must all be byte strings, e.g. a list of block hashes. */
    public List<BBytes> byteStrings() {
        return typed(this::bytes);
    }

    /** Returns the elements, which must all be lists. */
    public List<BList> lists() {
        return typed(this::list);
    }

    /** Returns the elements, which must all be integers. */
    public long[] longs() {
        long[] out = new long[items.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = integer(i);
        }
        return out;
    }

    private <T> List<T> typed(IntFunction<T> getter) {
        Object[] out = new Object[items.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = getter.apply(i);
        }
        return new View<>(out);
    }

    @Override
    public Iterator<BValue> iterator() {
        return values().iterator();
    }

    // The encoder and equality walk the owned array directly.
    BValue[] elements() {
        return items;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof BList other && Arrays.equals(items, other.items);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(items);
    }

    @Override
    public String toString() {
        return Arrays.toString(items);
    }

    /** An unmodifiable list over an owned array. */
    private static final class View<T> extends AbstractList<T> implements RandomAccess {
        private final Object[] array;

        View(Object[] array) {
            this.array = array;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get(int index) {
            return (T) array[Objects.checkIndex(index, array.length)];
        }

        @Override
        public int size() {
            return array.length;
        }
    }

    /** Collects elements for a {@link BList}; not thread-safe. */
    public static final class Builder {
        private final List<BValue> values = new ArrayList<>();

        private Builder() {
        }

        /** Appends a value. */
        public Builder add(BValue value) {
            values.add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Appends an integer. */
        public Builder add(long value) {
            return add(BInteger.of(value));
        }

        /** Appends a copy of {@code bytes} as a byte string. */
        public Builder add(byte[] bytes) {
            return add(BBytes.of(bytes));
        }

        /** Appends the UTF-8 encoding of {@code text}. */
        public Builder addUtf8(String text) {
            return add(BBytes.ofUtf8(text));
        }

        /** Returns the list built so far. */
        public BList build() {
            return BList.of(values);
        }
    }
}
