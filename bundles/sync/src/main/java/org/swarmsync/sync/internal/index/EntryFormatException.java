package org.swarmsync.sync.internal.index;

/**
 * Encoded entry bytes that cannot be decoded, or an entry whose layout cannot be encoded.
 * The message names what was wrong and, for bytes, where.
 */
public final class EntryFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public EntryFormatException(String message) {
        super(message);
    }
}
