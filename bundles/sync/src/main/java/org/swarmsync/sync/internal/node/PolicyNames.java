package org.swarmsync.sync.internal.node;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.swarmsync.api.crypto.CryptoPolicy;

/**
 * The node's {@code crypto_policy} setting: a {@link CryptoPolicy} in lower case with dashes,
 * where "encrypted" may stand for "rc4" (those policies allow AES-GCM too, which two swarmsync
 * nodes then use).
 */
final class PolicyNames {

    private PolicyNames() {
    }

    /** @throws IllegalArgumentException naming the value and the accepted ones */
    static CryptoPolicy parse(String value) {
        String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        String canonical = name.startsWith("ENCRYPTED_") ? "RC4_" + name.substring("ENCRYPTED_".length()) : name;
        for (CryptoPolicy policy : CryptoPolicy.values()) {
            if (policy.name().equals(canonical)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("crypto_policy \"" + value + "\" is none of "
                + Arrays.stream(CryptoPolicy.values()).map(PolicyNames::name).collect(Collectors.joining(", "))
                + " (encrypted-required and encrypted-preferred name the rc4 ones)");
    }

    private static String name(CryptoPolicy policy) {
        return policy.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
