package org.swarmsync.crypto.mse.internal;

/** Creates MSE's RC4 streams: keyed with a 20-byte SHA-1 and with the first 1024 bytes dropped. */
final class Rc4 {

    private Rc4() {
    }

    /**
     * @param key the 20-byte key (keyA or keyB)
     * @return a cipher positioned after the 1024-byte discard, ready for VC: OpenSSL's RC4
     *         when {@link Rc4Library} could load it, else the JDK's
     */
    static StreamCipher keyed(byte[] key) {
        return discard(Rc4Library.usesNative() ? new NativeRc4(key) : new JdkRc4(key));
    }

    /** @return {@code cipher}, advanced past the 1024 keystream bytes MSE discards */
    static StreamCipher discard(StreamCipher cipher) {
        cipher.apply(new byte[MseConstants.RC4_DISCARD], 0, MseConstants.RC4_DISCARD);
        return cipher;
    }
}
