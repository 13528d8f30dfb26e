package org.swarmsync.crypto.mse.internal;

import java.math.BigInteger;

/** The fixed numbers of MSE (PROTOCOLS.md part 3.1 and 3.3). */
final class MseConstants {

    /**
     * The MSE prime, verbatim from libtorrent {@code pe_crypto.cpp} and the other
     * implementations. Not the RFC 2409 Oakley group 1 prime, which ends {@code ...A63A3620FFFFFFFFFFFFFFFF}.
     */
    static final BigInteger P = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22"
            + "514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6"
            + "F44C42E9A63A36210000000000090563", 16);

    /** The generator. */
    static final BigInteger G = BigInteger.TWO;

    /** Length of a public value and of the shared secret S on the wire: 768 bits. */
    static final int KEY_BYTES = 96;

    /** Private exponents are 160 random bits, as in the spec, libtorrent and anacrolix. */
    static final int PRIVATE_BITS = 160;

    /** Longest PadA, PadB, PadC or PadD the spec allows. */
    static final int MAX_PAD = 512;

    /** Length of VC, the verification constant (8 zero bytes). */
    static final int VC_BYTES = 8;

    /** Keystream bytes dropped in each direction before VC, as libtorrent and anacrolix do. */
    static final int RC4_DISCARD = 1024;

    /** SHA-1 output length. */
    static final int HASH_BYTES = 20;

    /** crypto_provide / crypto_select bit for a plaintext payload. */
    static final int CRYPTO_PLAINTEXT = 0x01;

    /** crypto_provide / crypto_select bit for an RC4 payload. */
    static final int CRYPTO_RC4 = 0x02;

    /**
     * crypto_provide / crypto_select bit for AES-128-GCM records: a swarmsync extension. The
     * spec reserves the bit; libtorrent masks every offer with its allowed levels (0x01, 0x02)
     * and so never selects it.
     */
    static final int CRYPTO_AES_128_GCM = 0x04;

    /** The largest value of a 16-bit {@code len()} field, so the largest IA anyone can send. */
    static final int MAX_LEN_FIELD = 0xFFFF;

    /**
     * The first 20 bytes of a plaintext BitTorrent handshake (BEP 3): the byte 19 then
     * "BitTorrent protocol". A responder that sees them skips MSE.
     */
    static final byte[] BITTORRENT_PREFIX = {
        19, 'B', 'i', 't', 'T', 'o', 'r', 'r', 'e', 'n', 't', ' ', 'p', 'r', 'o', 't', 'o', 'c', 'o', 'l'
    };

    private MseConstants() {
    }
}
