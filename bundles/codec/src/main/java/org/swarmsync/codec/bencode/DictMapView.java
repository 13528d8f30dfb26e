package org.swarmsync.codec.bencode;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/** The unmodifiable {@link Map} view behind {@link BDict#asMap()}: key order, lookups by binary search. */
final class DictMapView extends AbstractMap<BBytes, BValue> {

    private final BDict dict;

    DictMapView(BDict dict) {
        this.dict = dict;
    }

    @Override
    public int size() {
        return dict.size();
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof BBytes b && dict.indexOf(b) >= 0;
    }

    @Override
    public BValue get(Object key) {
        return key instanceof BBytes b ? dict.find(b).orElse(null) : null;
    }

    @Override
    public Set<Entry<BBytes, BValue>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return dict.size();
            }

            @Override
            public Iterator<Entry<BBytes, BValue>> iterator() {
                BValue[] entries = dict.entries();
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < entries.length;
                    }

                    @Override
                    public Entry<BBytes, BValue> next() {
                        if (next >= entries.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<BBytes, BValue> e = new SimpleImmutableEntry<>((BBytes) entries[next], entries[next + 1]);
                        next += 2;
                        return e;
                    }
                };
            }
        };
    }
}
