package org.swarmsync.crypto.mse.internal;

import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

/**
 * What the build expects {@link Rc4Library} to choose, from the system property
 * {@code swarmsync.mse.expected} that pom.xml sets per surefire run ({@code native} when the
 * native-rc4 profile built the shim, {@code jdk} without it or with the shim turned off).
 */
final class Rc4Choice {

    private Rc4Choice() {
    }

    /** @return the expectation, or {@code null} when the tests run outside Maven */
    static String expected() {
        return System.getProperty("swarmsync.mse.expected");
    }

    /**
     * Fails when the build promised the native RC4 and it did not load; skips the calling test
     * when native RC4 is unavailable and nothing promised it.
     */
    static void requireNative() {
        if ("native".equals(expected())) {
            assertTrue("native RC4 expected but " + Rc4Library.describe(), Rc4Library.usesNative());
        }
        assumeTrue(Rc4Library.describe(), Rc4Library.usesNative());
    }
}
