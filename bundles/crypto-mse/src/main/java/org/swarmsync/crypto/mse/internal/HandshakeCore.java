package org.swarmsync.crypto.mse.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.swarmsync.api.crypto.CryptoPolicy;
import org.swarmsync.api.crypto.HandshakeFailure;
import org.swarmsync.api.crypto.PayloadCipher;

/**
 * The MSE handshake as a sans-I/O state machine: the caller feeds it received bytes and the
 * current time, and sends what it returns. It consumes exactly the handshake's bytes from
 * each input buffer and leaves the rest (the peer's first payload bytes) there. Failures are
 * thrown as {@link MseFailure}; after one, the core must be dropped.
 */
public abstract sealed class HandshakeCore permits InitiatorCore, ResponderCore {

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    final CryptoPolicy policy;
    final MseSettings settings;
    final Random random;
    final DiffieHellman dh;
    private final long deadline;
    private final long timeoutNanos;
    private long consumed;
    private MseOutcome outcome;

    /**
     * @param random randomness for the private key and padding; a {@code SecureRandom} in use
     * @param nowNanos the current time, as {@link System#nanoTime()} counts it
     * @param timeoutNanos how long the whole handshake may take
     */
    HandshakeCore(CryptoPolicy policy, MseSettings settings, Random random, long nowNanos, long timeoutNanos) {
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("handshake timeout must be positive");
        }
        this.policy = policy;
        this.settings = settings;
        this.random = random;
        this.dh = DiffieHellman.generate(random);
        this.deadline = nowNanos + timeoutNanos;
        this.timeoutNanos = timeoutNanos;
    }

    /** @return the bytes to send before anything is received (empty for a responder) */
    public abstract ByteBuffer start();

    /**
     * Consumes handshake bytes from {@code in}, never more than the handshake has.
     *
     * @param in received bytes, from position to limit; left positioned after what was used
     * @param nowNanos the current time
     * @return bytes to send now, possibly empty
     * @throws MseFailure if the peer broke the protocol or the time is up
     */
    public final ByteBuffer receive(ByteBuffer in, long nowNanos) throws MseFailure {
        checkTime(nowNanos);
        if (isDone()) {
            return NOTHING;
        }
        int before = in.position();
        try {
            ByteBuffer out = advance(in);
            return out == null ? NOTHING : out;
        } finally {
            consumed += in.position() - before;
        }
    }

    /** Runs the state machine as far as the input allows; returns bytes to send or null. */
    abstract ByteBuffer advance(ByteBuffer in) throws MseFailure;

    /** @return in words, what the core waits for; for failure messages */
    abstract String waitingFor();

    /** @return whether the handshake completed */
    public final boolean isDone() {
        return outcome != null;
    }

    /** @return the result; only once {@link #isDone()} */
    public final MseOutcome outcome() {
        if (outcome == null) {
            throw new IllegalStateException("handshake not complete");
        }
        return outcome;
    }

    final void complete(MseOutcome result) {
        this.outcome = result;
    }

    /** @return the time (as {@link System#nanoTime()}) by which the handshake must be done */
    public final long deadlineNanos() {
        return deadline;
    }

    /** @throws MseFailure if the deadline has passed */
    public final void checkTime(long nowNanos) throws MseFailure {
        if (!isDone() && nowNanos - deadline >= 0) {
            throw timedOut();
        }
    }

    /** @return the failure to report when the time ran out */
    public final MseFailure timedOut() {
        return new MseFailure(HandshakeFailure.TIMEOUT, "no complete handshake within "
                + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms; " + progress());
    }

    /** @return the failure to report when the peer ended the stream early */
    public final MseFailure peerClosed() {
        return new MseFailure(HandshakeFailure.PEER_CLOSED, "the peer closed the connection; " + progress());
    }

    private String progress() {
        return "waiting for " + waitingFor() + " after " + consumed + " bytes received";
    }

    /** @return random padding of the configured length range */
    final byte[] padding() {
        int span = settings.maxPad() - settings.minPad();
        byte[] pad = new byte[settings.minPad() + (span == 0 ? 0 : random.nextInt(span + 1))];
        random.nextBytes(pad);
        return pad;
    }

    /** @return the crypto bits a policy offers or accepts, AES-128-GCM included where it allows it */
    static int bits(CryptoPolicy policy) {
        return (policy.allows(PayloadCipher.PLAINTEXT) ? MseConstants.CRYPTO_PLAINTEXT : 0)
                | (policy.allows(PayloadCipher.RC4) ? MseConstants.CRYPTO_RC4 : 0)
                | (policy.allows(PayloadCipher.AES_128_GCM) ? MseConstants.CRYPTO_AES_128_GCM : 0);
    }

    /** @return the crypto bits this side offers or accepts: its policy's, less AES-GCM if turned off */
    final int bits() {
        int all = bits(policy);
        return settings.aesGcm() ? all : all & ~MseConstants.CRYPTO_AES_128_GCM;
    }

    /**
     * @param select a crypto_select value both sides agreed on
     * @param s the DH secret
     * @param skey the shared key
     * @param decrypt our RC4 stream for reading, from the handshake
     * @param encrypt our RC4 stream for writing
     * @param initiator whether we are A, who writes with keyA
     * @return the outcome's cipher and stages for that selection
     */
    static MseOutcome outcome(int select, byte[] s, byte[] skey, StreamCipher decrypt, StreamCipher encrypt,
            boolean initiator, byte[] initialPayload, byte[] binding) {
        return switch (select) {
            case MseConstants.CRYPTO_RC4 -> new MseOutcome(PayloadCipher.RC4, Optional.of(skey), decrypt, encrypt,
                    null, initialPayload, binding);
            case MseConstants.CRYPTO_AES_128_GCM -> {
                byte[] a = MseHashes.gcmA(s, skey);
                byte[] b = MseHashes.gcmB(s, skey);
                MseOutcome.GcmKeys keys = initiator ? new MseOutcome.GcmKeys(b, a) : new MseOutcome.GcmKeys(a, b);
                yield new MseOutcome(PayloadCipher.AES_128_GCM, Optional.of(skey), decrypt, encrypt, keys,
                        initialPayload, binding);
            }
            default -> new MseOutcome(PayloadCipher.PLAINTEXT, Optional.of(skey), null, null, null, initialPayload,
                    binding);
        };
    }

    /** @return readable names of crypto bits, for messages */
    static String describe(int bits) {
        StringBuilder sb = new StringBuilder("{");
        if ((bits & MseConstants.CRYPTO_PLAINTEXT) != 0) {
            sb.append("plaintext");
        }
        if ((bits & MseConstants.CRYPTO_RC4) != 0) {
            sb.append(sb.length() > 1 ? ", " : "").append("rc4");
        }
        if ((bits & MseConstants.CRYPTO_AES_128_GCM) != 0) {
            sb.append(sb.length() > 1 ? ", " : "").append("aes-128-gcm");
        }
        int other = bits & ~(MseConstants.CRYPTO_PLAINTEXT | MseConstants.CRYPTO_RC4 | MseConstants.CRYPTO_AES_128_GCM);
        if (other != 0) {
            sb.append(sb.length() > 1 ? ", " : "").append(String.format("0x%08x", other));
        }
        return sb.append('}').toString();
    }

    static int readInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    static int readShort(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    static void writeShort(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    /** @return {@code first} then {@code second}; {@code first} may be null */
    static ByteBuffer concat(ByteBuffer first, ByteBuffer second) {
        if (first == null || !first.hasRemaining()) {
            return second;
        }
        return ByteBuffer.allocate(first.remaining() + second.remaining()).put(first).put(second).flip();
    }

    /** Decrypts (and so drops) up to {@code max} bytes of padding; returns how many. */
    static int skip(ByteBuffer in, int max, StreamCipher cipher) {
        int n = Math.min(max, in.remaining());
        byte[] scratch = new byte[n];
        in.get(scratch);
        cipher.apply(scratch, 0, n);
        return n;
    }
}
