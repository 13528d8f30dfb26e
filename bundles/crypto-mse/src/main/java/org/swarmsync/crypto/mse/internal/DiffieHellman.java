package org.swarmsync.crypto.mse.internal;

import java.math.BigInteger;
import java.util.Random;

import org.swarmsync.api.crypto.HandshakeFailure;

/**
 * MSE's Diffie-Hellman over the 768-bit prime with generator 2. Plain {@link BigInteger}
 * arithmetic: BouncyCastle's {@code DHBasicAgreement} performs the same {@code modPow}
 * (see the benchmark), so a dependency would buy nothing here.
 */
final class DiffieHellman {

    private static final BigInteger P_MINUS_2 = MseConstants.P.subtract(BigInteger.TWO);

    private final BigInteger privateKey;
    private final byte[] publicKey;

    private DiffieHellman(BigInteger privateKey) {
        this.privateKey = privateKey;
        this.publicKey = encode(MseConstants.G.modPow(privateKey, MseConstants.P));
    }

    /**
     * @param random the source of the 160 private bits; a {@code SecureRandom} in production
     * @return a fresh key pair
     */
    static DiffieHellman generate(Random random) {
        BigInteger x;
        do {
            x = new BigInteger(MseConstants.PRIVATE_BITS, random);
        } while (x.signum() == 0);
        return new DiffieHellman(x);
    }

    /** For known-answer tests: a key pair from a fixed private exponent. */
    static DiffieHellman ofPrivate(BigInteger x) {
        if (x.signum() <= 0) {
            throw new IllegalArgumentException("private exponent must be positive");
        }
        return new DiffieHellman(x);
    }

    /** @return our public value Y, 96 bytes big-endian, zero-padded on the left */
    byte[] publicKey() {
        return publicKey.clone();
    }

    /**
     * @param peerPublic the peer's 96 bytes
     * @return S, 96 bytes big-endian, zero-padded on the left, exactly as it is hashed
     * @throws MseFailure if the peer's value is outside {@code [2, P-2]}: 0, 1 and P-1 would
     *         force S into a tiny known set
     */
    byte[] sharedSecret(byte[] peerPublic) throws MseFailure {
        BigInteger y = new BigInteger(1, peerPublic);
        if (y.compareTo(BigInteger.TWO) < 0 || y.compareTo(P_MINUS_2) > 0) {
            throw new MseFailure(HandshakeFailure.INVALID_PUBLIC_KEY,
                    "the peer's Diffie-Hellman public value is outside [2, P-2]");
        }
        return encode(y.modPow(privateKey, MseConstants.P));
    }

    /** Left-pads (or strips BigInteger's sign byte) to exactly 96 bytes. */
    static byte[] encode(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[MseConstants.KEY_BYTES];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        return out;
    }

    /** Never prints the private exponent. */
    @Override
    public String toString() {
        return "DiffieHellman[mse-768]";
    }
}
