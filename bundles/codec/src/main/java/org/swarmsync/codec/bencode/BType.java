package org.swarmsync.codec.bencode;

/** The four kinds of bencode value. */
public enum BType {
    /** A byte string ({@link BBytes}). */
    BYTES("byte string"),
    /** A 64-bit integer ({@link BInteger}). */
    INTEGER("integer"),
    /** A list ({@link BList}). */
    LIST("list"),
    /** A dictionary ({@link BDict}). */
    DICT("dictionary");

    private final String description;

    BType(String description) {
        this.description = description;
    }

    /** Returns the name used in error messages, e.g. {@code "byte string"}. */
    public String description() {
        return description;
    }
}
