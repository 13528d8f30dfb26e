package org.swarmsync.crypto.mse.internal;

/**
 * Limits and choices of one MSE provider, the same for every handshake it runs.
 *
 * @param maxInitialPayload the longest IA we accept from an initiator. libtorrent refuses
 *        more than 68 (one BitTorrent handshake); the field is 16-bit, so up to 65535 is
 *        possible. We accept more than libtorrent (default {@value #DEFAULT_MAX_INITIAL_PAYLOAD})
 *        so a protocol may put its first message there, while one handshake's memory stays small
 * @param minPad the shortest padding we send (PadA..PadD)
 * @param maxPad the longest padding we send; the spec and every peer stop at 512
 * @param aesGcm whether we offer and accept AES-128-GCM records (crypto bit 0x04) where the
 *        policy allows an encrypted payload; off, RC4 is the only encrypted choice
 */
public record MseSettings(int maxInitialPayload, int minPad, int maxPad, boolean aesGcm) {

    /** Default for {@link #maxInitialPayload}. */
    public static final int DEFAULT_MAX_INITIAL_PAYLOAD = 4096;

    /** Accept IA up to 4 KiB; send random padding of 0 to 512 bytes, like libtorrent. */
    public static final MseSettings DEFAULTS =
            new MseSettings(DEFAULT_MAX_INITIAL_PAYLOAD, 0, MseConstants.MAX_PAD, true);

    /**
     * Checks what any handshake needs. A {@code maxPad} above 512 is allowed here only so
     * tests can play a peer that breaks the limit; {@link #checked} refuses it.
     */
    public MseSettings {
        if (maxInitialPayload < 0 || maxInitialPayload > MseConstants.MAX_LEN_FIELD) {
            throw new IllegalArgumentException("maxInitialPayload must be in [0, 65535], got " + maxInitialPayload);
        }
        if (minPad < 0 || minPad > maxPad || maxPad > MseConstants.MAX_LEN_FIELD) {
            throw new IllegalArgumentException("need 0 <= minPad <= maxPad <= 65535, got " + minPad + ", " + maxPad);
        }
    }

    /** Settings with AES-128-GCM offered, as before it existed callers had no say in it. */
    public MseSettings(int maxInitialPayload, int minPad, int maxPad) {
        this(maxInitialPayload, minPad, maxPad, true);
    }

    /** @return these settings with AES-128-GCM offered or not */
    public MseSettings withAesGcm(boolean enabled) {
        return new MseSettings(maxInitialPayload, minPad, maxPad, enabled);
    }

    /**
     * @return settings that a well-behaved peer may use
     * @throws IllegalArgumentException if the padding would exceed the spec's 512 bytes
     */
    public static MseSettings checked(int maxInitialPayload, int minPad, int maxPad) {
        if (maxPad > MseConstants.MAX_PAD) {
            throw new IllegalArgumentException("padding above " + MseConstants.MAX_PAD
                    + " bytes makes every peer drop us, got " + maxPad);
        }
        return new MseSettings(maxInitialPayload, minPad, maxPad);
    }
}
