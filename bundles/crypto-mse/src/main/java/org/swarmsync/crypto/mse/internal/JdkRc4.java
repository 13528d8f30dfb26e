package org.swarmsync.crypto.mse.internal;

import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/** RC4 from the JDK's SunJCE provider ({@code ARCFOUR}). */
final class JdkRc4 implements StreamCipher {

    private final Cipher cipher;

    JdkRc4(byte[] key) {
        try {
            cipher = Cipher.getInstance("ARCFOUR");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's ARCFOUR cipher is unavailable", e);
        }
    }

    @Override
    public void apply(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return;
        }
        try {
            // Cipher.update is copy-safe for identical input and output ranges.
            cipher.update(buffer, offset, length, buffer, offset);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("a stream cipher never needs more room than its input", e);
        }
    }
}
