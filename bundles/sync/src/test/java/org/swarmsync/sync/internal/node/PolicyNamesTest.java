package org.swarmsync.sync.internal.node;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.swarmsync.api.crypto.CryptoPolicy;

public class PolicyNamesTest {

    @Test
    public void everyPolicyByItsConfigNameAndTheEncryptedAliases() {
        assertEquals(CryptoPolicy.RC4_REQUIRED, PolicyNames.parse("rc4-required"));
        assertEquals(CryptoPolicy.RC4_PREFERRED, PolicyNames.parse(" RC4_Preferred "));
        assertEquals(CryptoPolicy.PLAINTEXT_PREFERRED, PolicyNames.parse("plaintext-preferred"));
        assertEquals(CryptoPolicy.PLAINTEXT_REQUIRED, PolicyNames.parse("plaintext-required"));
        assertEquals(CryptoPolicy.RC4_REQUIRED, PolicyNames.parse("encrypted-required"));
        assertEquals(CryptoPolicy.RC4_PREFERRED, PolicyNames.parse("encrypted-preferred"));
    }

    @Test
    public void anUnknownNameIsRefusedWithTheNamesThatWork() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolicyNames.parse("aes"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("crypto_policy \"aes\" is none of rc4-required, "));
        assertTrue(e.getMessage(), e.getMessage().contains("plaintext-required"));
        assertThrows(IllegalArgumentException.class, () -> PolicyNames.parse("encrypted-plaintext"));
    }
}
