package org.swarmsync.codec.bencode;

/**
 * Thrown when bencoded input is malformed or exceeds a {@link DecodeLimits limit}, and (as the
 * subclass {@link BencodeTypeException}) when a value does not have the expected shape.
 *
 * <p>Unchecked, because a caller can rarely do more than drop the message, and a typed getter
 * chain such as {@code reply.list("peers").dict(0).bytes("p")} should read without try blocks.
 * Decoding errors carry the byte {@link #offset() offset} of the problem, counted from the first
 * byte of the bencoded input, and the message reads {@code "at offset 17: leading zero in
 * integer"}. Messages never contain the content of byte-string values.
 */
public class BencodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long offset;
    private final String problem;

    /**
     * Creates a decoding error.
     *
     * @param offset byte offset of the problem, counted from the start of the bencoded input
     * @param problem what is wrong, without the offset
     */
    public BencodeException(long offset, String problem) {
        super("at offset " + offset + ": " + problem);
        this.offset = offset;
        this.problem = problem;
    }

    /** Creates an error that is not tied to an input position ({@link #offset()} is -1). */
    protected BencodeException(String problem) {
        super(problem);
        this.offset = -1;
        this.problem = problem;
    }

    /** Returns the byte offset of the problem in the input, or -1 if it is not about input. */
    public long offset() {
        return offset;
    }

    /** Returns the description of the problem without the offset prefix. */
    public String problem() {
        return problem;
    }
}
