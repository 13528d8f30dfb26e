package org.swarmsync.codec.bencode;

/**
 * Thrown by the typed getters ({@link BDict#integer(String)}, {@link BList#dict(int)},
 * {@link BValue#asBytes()}, ...) when a key is missing or a value has the wrong kind, length or
 * range. The message names the key or index and what was expected, e.g. {@code key "port":
 * expected integer, found byte string}. Its {@link #offset()} is -1.
 */
public class BencodeTypeException extends BencodeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with the given message. */
    public BencodeTypeException(String message) {
        super(message);
    }

    static BencodeTypeException wrongType(String where, BType expected, BValue found) {
        return new BencodeTypeException(prefix(where) + "expected " + expected.description()
                + ", found " + found.type().description());
    }

    static BencodeTypeException missingKey(String key) {
        return new BencodeTypeException("missing key " + quote(key));
    }

    static BencodeTypeException withContext(String where, BencodeTypeException cause) {
        BencodeTypeException e = new BencodeTypeException(prefix(where) + cause.problem());
        e.initCause(cause);
        return e;
    }

    static String prefix(String where) {
        return where == null ? "" : where + ": ";
    }

    static String key(String key) {
        return "key " + quote(key);
    }

    static String index(int index) {
        return "index " + index;
    }

    static String quote(String key) {
        return '"' + key.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
