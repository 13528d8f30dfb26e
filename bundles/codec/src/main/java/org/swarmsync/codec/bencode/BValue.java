package org.swarmsync.codec.bencode;

/**
 * A bencode value: a {@link BBytes byte string}, an {@link BInteger integer}, a {@link BList list}
 * or a {@link BDict dictionary}.
 *
 * <p>Values are immutable, except that decoded byte strings are views of the decoder's input (see
 * {@link BencodeDecoder}). The {@code as...} methods cast to the expected kind and throw a
 * {@link BencodeTypeException} naming the expected and the actual kind otherwise.
 */
public sealed interface BValue permits BBytes, BInteger, BList, BDict {

    /** Returns which kind of value this is. */
    BType type();

    /**
     * Returns this value as a byte string.
     *
     * @throws BencodeTypeException if it is not a byte string
     */
    default BBytes asBytes() {
        throw BencodeTypeException.wrongType(null, BType.BYTES, this);
    }

    /**
     * Returns this value as a {@code long}.
     *
     * @throws BencodeTypeException if it is not an integer
     */
    default long asLong() {
        throw BencodeTypeException.wrongType(null, BType.INTEGER, this);
    }

    /**
     * Returns this value as a list.
     *
     * @throws BencodeTypeException if it is not a list
     */
    default BList asList() {
        throw BencodeTypeException.wrongType(null, BType.LIST, this);
    }

    /**
     * Returns this value as a dictionary.
     *
     * @throws BencodeTypeException if it is not a dictionary
     */
    default BDict asDict() {
        throw BencodeTypeException.wrongType(null, BType.DICT, this);
    }

    /** Returns the canonical encoding of this value; same as {@link Bencode#encode(BValue)}. */
    default byte[] encode() {
        return Bencode.encode(this);
    }
}
