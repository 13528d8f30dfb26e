package org.swarmsync.crypto.mse.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.Random;

import org.swarmsync.api.crypto.CryptoPolicy;
import org.swarmsync.api.crypto.HandshakeFailure;
import org.swarmsync.api.crypto.KeyRing;
import org.swarmsync.api.crypto.PayloadCipher;

/**
 * MSE as the side that accepted the connection (B): reads Ya, answers Yb and PadB, finds
 * {@code SHA1("req1"‖S)}, resolves the key, checks VC, picks the payload cipher from the
 * initiator's offer and answers VC, crypto_select and PadD. A plaintext BitTorrent handshake
 * is recognised from its first 20 bytes and handed on when the policy allows plaintext.
 */
public final class ResponderCore extends HandshakeCore {

    private enum State { PREFIX, PUBLIC_KEY, SYNC, KEY_HASH, OFFER, PAD_C, IA_LENGTH, INITIAL_PAYLOAD }

    private final KeyRing keys;
    private State state = State.PREFIX;
    private final Field publicKey = new Field(MseConstants.KEY_BYTES);
    private SyncScanner sync;
    private byte[] secret;
    private final Field keyHash = new Field(MseConstants.HASH_BYTES);
    private byte[] key;
    private StreamCipher decrypt;
    private StreamCipher encrypt;
    /** VC (8), crypto_provide (4), len(PadC) (2), all encrypted. */
    private final Field offer = new Field(MseConstants.VC_BYTES + 4 + 2);
    private int select;
    /** crypto_provide as received, for the session binding. */
    private int provide;
    private int padLeft;
    private final Field iaLength = new Field(2);
    private Field initialPayload;

    /**
     * @param keys the keys served; consulted once, when the initiator's key hash arrives
     * @param policy the payload ciphers we accept and prefer
     * @param settings limits
     * @param random for our private key and padding
     * @param nowNanos the current time
     * @param timeoutNanos how long the whole handshake may take
     */
    public ResponderCore(KeyRing keys, CryptoPolicy policy, MseSettings settings, Random random,
            long nowNanos, long timeoutNanos) {
        super(policy, settings, random, nowNanos, timeoutNanos);
        this.keys = keys;
    }

    @Override
    public ByteBuffer start() {
        return ByteBuffer.allocate(0);
    }

    @Override
    ByteBuffer advance(ByteBuffer in) throws MseFailure {
        ByteBuffer out = null;
        while (!isDone()) {
            switch (state) {
                case PREFIX -> {
                    // Fill only 20 bytes first: if they are a BitTorrent handshake, exactly
                    // these go back to the consumer and nothing more was taken.
                    if (!fillTo(publicKey, MseConstants.BITTORRENT_PREFIX.length, in)) {
                        return out;
                    }
                    if (Arrays.equals(publicKey.bytes(), 0, MseConstants.BITTORRENT_PREFIX.length,
                            MseConstants.BITTORRENT_PREFIX, 0, MseConstants.BITTORRENT_PREFIX.length)) {
                        acceptPlainBitTorrent();
                        return out;
                    }
                    state = State.PUBLIC_KEY;
                }
                case PUBLIC_KEY -> {
                    if (!publicKey.fill(in)) {
                        return out;
                    }
                    secret = dh.sharedSecret(publicKey.bytes());
                    sync = new SyncScanner(MseHashes.req1(secret), MseConstants.MAX_PAD);
                    state = State.SYNC;
                    out = reply();
                }
                case SYNC -> {
                    SyncScanner.Result r = sync.scan(in);
                    if (r == SyncScanner.Result.NEED_MORE) {
                        return out;
                    }
                    if (r == SyncScanner.Result.EXHAUSTED) {
                        throw new MseFailure(HandshakeFailure.TOO_MUCH_PADDING, "no req1 hash within "
                                + (MseConstants.KEY_BYTES + MseConstants.MAX_PAD + MseConstants.HASH_BYTES)
                                + " bytes of the start: PadA exceeds 512 bytes or the peer does not speak MSE");
                    }
                    state = State.KEY_HASH;
                }
                case KEY_HASH -> {
                    if (!keyHash.fill(in)) {
                        return out;
                    }
                    resolveKey();
                    state = State.OFFER;
                }
                case OFFER -> {
                    if (!offer.fill(in)) {
                        return out;
                    }
                    readOffer();
                    state = State.PAD_C;
                }
                case PAD_C -> {
                    padLeft -= skip(in, padLeft, decrypt);
                    if (padLeft > 0) {
                        return out;
                    }
                    state = State.IA_LENGTH;
                }
                case IA_LENGTH -> {
                    if (!iaLength.fill(in)) {
                        return out;
                    }
                    decrypt.apply(iaLength.bytes(), 0, 2);
                    int length = readShort(iaLength.bytes(), 0);
                    if (length > settings.maxInitialPayload()) {
                        throw new MseFailure(HandshakeFailure.PROTOCOL_VIOLATION, "initial payload of "
                                + length + " bytes exceeds our limit of " + settings.maxInitialPayload());
                    }
                    initialPayload = new Field(length);
                    state = State.INITIAL_PAYLOAD;
                }
                case INITIAL_PAYLOAD -> {
                    if (!initialPayload.fill(in)) {
                        return out;
                    }
                    // IA is RC4-encrypted even when plaintext is selected.
                    decrypt.apply(initialPayload.bytes(), 0, initialPayload.length());
                    return concat(out, finish());
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        return out;
    }

    private static boolean fillTo(Field field, int target, ByteBuffer in) {
        int want = target - field.filled();
        if (want > 0 && in.hasRemaining()) {
            ByteBuffer slice = in.slice();
            slice.limit(Math.min(want, slice.remaining()));
            field.fill(slice);
            in.position(in.position() + slice.position());
        }
        return field.filled() >= target;
    }

    private void acceptPlainBitTorrent() throws MseFailure {
        if (!policy.allows(PayloadCipher.PLAINTEXT)) {
            throw new MseFailure(HandshakeFailure.PLAINTEXT_REFUSED, "the peer sent a plaintext BitTorrent"
                    + " handshake instead of MSE, and policy " + policy + " refuses plaintext");
        }
        byte[] prefix = Arrays.copyOf(publicKey.bytes(), MseConstants.BITTORRENT_PREFIX.length);
        complete(new MseOutcome(PayloadCipher.PLAINTEXT, Optional.empty(), null, null, null, prefix, new byte[0]));
    }

    /** Step 2: Yb and PadB. */
    private ByteBuffer reply() {
        byte[] y = dh.publicKey();
        byte[] pad = padding();
        ByteBuffer out = ByteBuffer.allocate(y.length + pad.length);
        return out.put(y).put(pad).flip();
    }

    private void resolveKey() throws MseFailure {
        byte[] wanted = MseHashes.xor(keyHash.bytes(), MseHashes.req3(secret));
        Collection<byte[]> served = keys.keys();
        for (byte[] candidate : served) {
            if (Arrays.equals(MseHashes.req2(candidate), wanted)) {
                key = candidate.clone();
                break;
            }
        }
        if (key == null) {
            throw new MseFailure(HandshakeFailure.UNKNOWN_KEY, "the initiator's key hash matches none of the "
                    + served.size() + " keys served here");
        }
        decrypt = Rc4.keyed(MseHashes.keyA(secret, key));
        encrypt = Rc4.keyed(MseHashes.keyB(secret, key));
    }

    private void readOffer() throws MseFailure {
        byte[] b = offer.bytes();
        decrypt.apply(b, 0, b.length);
        for (int i = 0; i < MseConstants.VC_BYTES; i++) {
            if (b[i] != 0) {
                throw new MseFailure(HandshakeFailure.BAD_VERIFICATION,
                        "the verification constant did not decrypt: the initiator derived other keys");
            }
        }
        provide = readInt(b, MseConstants.VC_BYTES);
        select = choose(policy, provide & bits());
        if (select == 0) {
            throw new MseFailure(HandshakeFailure.NO_COMMON_METHOD, "the initiator offers " + describe(provide)
                    + " but policy " + policy + " accepts " + describe(bits()));
        }
        padLeft = readShort(b, MseConstants.VC_BYTES + 4);
        if (padLeft > MseConstants.MAX_PAD) {
            throw new MseFailure(HandshakeFailure.TOO_MUCH_PADDING,
                    "PadC of " + padLeft + " bytes exceeds the limit of " + MseConstants.MAX_PAD);
        }
    }

    /**
     * @return the crypto_select bit for an offer under a policy, or 0 if none fits: plaintext
     *         if the policy prefers it and it is offered, else AES-128-GCM, RC4, plaintext, the
     *         first of them that is offered and allowed
     */
    static int choose(CryptoPolicy policy, int provide) {
        int usable = provide & bits(policy);
        if (policy.preferred() == PayloadCipher.PLAINTEXT && (usable & MseConstants.CRYPTO_PLAINTEXT) != 0) {
            return MseConstants.CRYPTO_PLAINTEXT;
        }
        for (int bit : new int[] {MseConstants.CRYPTO_AES_128_GCM, MseConstants.CRYPTO_RC4,
                MseConstants.CRYPTO_PLAINTEXT}) {
            if ((usable & bit) != 0) {
                return bit;
            }
        }
        return 0;
    }

    /** Step 4: VC, crypto_select, PadD, then the outcome. */
    private ByteBuffer finish() {
        byte[] pad = padding();
        ByteArrayOutputStream out = new ByteArrayOutputStream(MseConstants.VC_BYTES + 6 + pad.length);
        out.writeBytes(new byte[MseConstants.VC_BYTES]);
        writeInt(out, select);
        writeShort(out, pad.length);
        out.writeBytes(pad);
        byte[] bytes = out.toByteArray();
        encrypt.apply(bytes, 0, bytes.length);
        complete(outcome(select, secret, key, decrypt, encrypt, false, initialPayload.bytes(),
                MseHashes.binding(secret, provide, select)));
        Arrays.fill(secret, (byte) 0);
        return ByteBuffer.wrap(bytes);
    }

    @Override
    String waitingFor() {
        return switch (state) {
            case PREFIX, PUBLIC_KEY -> "the initiator's public key (" + publicKey.filled() + " of 96 bytes)";
            case SYNC -> "the req1 hash (" + sync.scanned() + " bytes scanned)";
            case KEY_HASH -> "the key hash";
            case OFFER -> "VC and crypto_provide";
            case PAD_C -> "PadC";
            case IA_LENGTH, INITIAL_PAYLOAD -> "the initial payload";
        };
    }
}
