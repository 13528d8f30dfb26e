package org.swarmsync.sync.internal.index;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.h2.mvstore.Cursor;

/** Lazy streams over MVStore cursors: entries are decoded only as they are consumed. */
final class Cursors {

    private Cursors() {
    }

    /**
     * @param cursor where to read from; it sees the map as it was when the cursor was made
     * @param mapper key and value to an element, or null to skip the pair, or
     *        {@link #STOP} to end the stream
     */
    static <K, V, T> Stream<T> stream(Cursor<K, V> cursor, BiFunction<K, V, Object> mapper) {
        Iterator<T> iterator = new Iterator<>() {
            private Object next;
            private boolean done;

            @Override
            public boolean hasNext() {
                while (next == null && !done) {
                    if (!cursor.hasNext()) {
                        done = true;
                        break;
                    }
                    K key = cursor.next();
                    Object mapped = mapper.apply(key, cursor.getValue());
                    if (mapped == STOP) {
                        done = true;
                    } else {
                        next = mapped;
                    }
                }
                return next != null;
            }

            @Override
            @SuppressWarnings("unchecked")
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                T element = (T) next;
                next = null;
                return element;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Returned by a mapper to end the stream. */
    static final Object STOP = new Object();
}
