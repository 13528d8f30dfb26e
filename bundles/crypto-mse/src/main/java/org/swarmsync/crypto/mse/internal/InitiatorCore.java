package org.swarmsync.crypto.mse.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import org.swarmsync.api.crypto.CryptoPolicy;
import org.swarmsync.api.crypto.HandshakeFailure;

/**
 * MSE as the side that opened the connection (A): sends Ya and PadA, reads Yb, sends the
 * req1 and key hashes with the encrypted VC, offer, PadC and IA, then finds the responder's
 * encrypted VC in PadB and reads its selection and PadD.
 */
public final class InitiatorCore extends HandshakeCore {

    private enum State { PUBLIC_KEY, SYNC, SELECT, PAD_D }

    private final byte[] key;
    private final byte[] initialPayload;
    private final int offered;
    private State state = State.PUBLIC_KEY;
    /** The DH secret, kept until the selection says whether AES-GCM keys are needed. */
    private byte[] secret;
    private final Field publicKey = new Field(MseConstants.KEY_BYTES);
    private SyncScanner sync;
    private StreamCipher decrypt;
    private StreamCipher encrypt;
    /** crypto_select (4) and len(PadD) (2), encrypted. */
    private final Field selection = new Field(4 + 2);
    private int select;
    private int padLeft;

    /**
     * @param key the shared key (SKEY); copied
     * @param initialPayload IA, sent inside the handshake; copied
     * @param policy the payload ciphers we offer
     * @param settings padding lengths
     * @param random for our private key and padding
     * @param nowNanos the current time
     * @param timeoutNanos how long the whole handshake may take
     * @throws IllegalArgumentException if the key is empty or IA longer than 65535 bytes
     */
    public InitiatorCore(byte[] key, byte[] initialPayload, CryptoPolicy policy, MseSettings settings,
            Random random, long nowNanos, long timeoutNanos) {
        super(policy, settings, random, nowNanos, timeoutNanos);
        if (key.length == 0) {
            throw new IllegalArgumentException("the shared key must not be empty");
        }
        if (initialPayload.length > MseConstants.MAX_LEN_FIELD) {
            throw new IllegalArgumentException("MSE carries at most 65535 bytes of initial payload, got "
                    + initialPayload.length);
        }
        this.key = key.clone();
        this.initialPayload = initialPayload.clone();
        this.offered = bits();
    }

    /** Step 1: Ya and PadA. */
    @Override
    public ByteBuffer start() {
        byte[] y = dh.publicKey();
        byte[] pad = padding();
        return ByteBuffer.allocate(y.length + pad.length).put(y).put(pad).flip();
    }

    @Override
    ByteBuffer advance(ByteBuffer in) throws MseFailure {
        ByteBuffer out = null;
        while (!isDone()) {
            switch (state) {
                case PUBLIC_KEY -> {
                    if (!publicKey.fill(in)) {
                        return out;
                    }
                    if (Arrays.equals(publicKey.bytes(), 0, MseConstants.BITTORRENT_PREFIX.length,
                            MseConstants.BITTORRENT_PREFIX, 0, MseConstants.BITTORRENT_PREFIX.length)) {
                        throw new MseFailure(HandshakeFailure.NO_COMMON_METHOD,
                                "the peer answered with a plaintext BitTorrent handshake: it does not speak MSE");
                    }
                    secret = dh.sharedSecret(publicKey.bytes());
                    out = request(secret);
                    state = State.SYNC;
                }
                case SYNC -> {
                    SyncScanner.Result r = sync.scan(in);
                    if (r == SyncScanner.Result.NEED_MORE) {
                        return out;
                    }
                    if (r == SyncScanner.Result.EXHAUSTED) {
                        throw new MseFailure(HandshakeFailure.TOO_MUCH_PADDING, "no VC within "
                                + (MseConstants.KEY_BYTES + MseConstants.MAX_PAD + MseConstants.VC_BYTES)
                                + " bytes of the start: PadB exceeds 512 bytes, or the responder derived other"
                                + " keys (it may not serve this key)");
                    }
                    state = State.SELECT;
                }
                case SELECT -> {
                    if (!selection.fill(in)) {
                        return out;
                    }
                    readSelection();
                    state = State.PAD_D;
                }
                case PAD_D -> {
                    padLeft -= skip(in, padLeft, decrypt);
                    if (padLeft > 0) {
                        return out;
                    }
                    complete(outcome(select, secret, key, decrypt, encrypt, true, new byte[0],
                            MseHashes.binding(secret, offered, select)));
                    Arrays.fill(secret, (byte) 0);
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        return out;
    }

    /** Step 3, and the VC pattern to look for in the reply. */
    private ByteBuffer request(byte[] secret) {
        encrypt = Rc4.keyed(MseHashes.keyA(secret, key));
        decrypt = Rc4.keyed(MseHashes.keyB(secret, key));
        // The responder's VC arrives as the first 8 bytes of keyB's stream; computing them
        // here also moves our decrypting stream past VC, to where crypto_select starts.
        byte[] vcPattern = new byte[MseConstants.VC_BYTES];
        decrypt.apply(vcPattern, 0, vcPattern.length);
        sync = new SyncScanner(vcPattern, MseConstants.MAX_PAD);

        byte[] pad = padding();
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 + pad.length + initialPayload.length);
        body.writeBytes(new byte[MseConstants.VC_BYTES]);
        writeInt(body, offered);
        writeShort(body, pad.length);
        body.writeBytes(pad);
        writeShort(body, initialPayload.length);
        body.writeBytes(initialPayload);
        byte[] encrypted = body.toByteArray();
        encrypt.apply(encrypted, 0, encrypted.length);

        byte[] req1 = MseHashes.req1(secret);
        byte[] keyHash = MseHashes.xor(MseHashes.req2(key), MseHashes.req3(secret));
        return ByteBuffer.allocate(req1.length + keyHash.length + encrypted.length)
                .put(req1).put(keyHash).put(encrypted).flip();
    }

    private void readSelection() throws MseFailure {
        byte[] b = selection.bytes();
        decrypt.apply(b, 0, b.length);
        select = readInt(b, 0);
        if (Integer.bitCount(select) != 1 || (select & offered) == 0) {
            throw new MseFailure(HandshakeFailure.PROTOCOL_VIOLATION, "the responder selected " + describe(select)
                    + " but we offered " + describe(offered));
        }
        padLeft = readShort(b, 4);
        if (padLeft > MseConstants.MAX_PAD) {
            throw new MseFailure(HandshakeFailure.TOO_MUCH_PADDING,
                    "PadD of " + padLeft + " bytes exceeds the limit of " + MseConstants.MAX_PAD);
        }
    }

    @Override
    String waitingFor() {
        return switch (state) {
            case PUBLIC_KEY -> "the responder's public key (" + publicKey.filled() + " of 96 bytes)";
            case SYNC -> "the responder's VC (" + sync.scanned() + " bytes scanned)";
            case SELECT -> "crypto_select";
            case PAD_D -> "PadD";
        };
    }
}
