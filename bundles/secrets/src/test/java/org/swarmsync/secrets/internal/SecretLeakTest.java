package org.swarmsync.secrets.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.Test;
import org.swarmsync.api.secrets.InvalidSecretException;
import org.swarmsync.api.secrets.Secret;

/**
 * Guards the rule that a secret never appears in an exception message or a
 * {@code toString()}: not whole, and not in any run of six characters or more.
 */
public class SecretLeakTest {

    private static final int WINDOW = 6;

    /** Fixed seed: the batch is the same on every run, so a failure can be replayed. */
    private final Random random = new Random(0x5EC12E7L);

    @Test
    public void noRejectionMessageQuotesItsInput() {
        List<String> bad = badInputs();
        assertTrue(bad.size() > 1000);
        for (String input : bad) {
            try {
                SecretParser.parse(input);
                fail("accepted a bad secret #" + bad.indexOf(input));
            } catch (InvalidSecretException e) {
                assertNoRunOf(input, e.getMessage());
                assertNoRunOf(input, e.toString());
            }
        }
    }

    @Test
    public void noCodecMessageQuotesItsInput() {
        int rejected = 0;
        for (String input : badInputs()) {
            try {
                Base32.decode(input);
            } catch (IllegalArgumentException e) {
                rejected++;
                assertNoRunOf(input, e.getMessage());
            }
        }
        assertTrue(rejected > 1000);
    }

    @Test
    public void toStringOfASecretShowsNeitherItNorItsReadOnlySecret() {
        for (int i = 0; i < 500; i++) {
            Secret rw = SecretImpl.readWrite(randomKey());
            Secret ro = rw.readOnly();
            for (Secret shown : List.of(rw, ro)) {
                assertNoRunOf(rw.text(), shown.toString());
                assertNoRunOf(ro.text(), shown.toString());
                assertNoRunOf(Base32.encode(rw.shareHash().toBytes()), shown.toString());
            }
        }
    }

    private List<String> badInputs() {
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String rw = Base32.encode(randomKey());
            String ro = SecretImpl.readWrite(Base32.decode(rw)).readOnly().text();
            for (int cut = 1; cut <= 8; cut++) {
                bad.add(rw.substring(cut));
                bad.add(ro.substring(0, ro.length() - cut - 1));
                bad.add(rw + "A".repeat(cut + 1));
            }
            bad.add(rw.toLowerCase(Locale.ROOT));
            bad.add(ro.toLowerCase(Locale.ROOT));
            bad.add(" " + ro.toLowerCase(Locale.ROOT) + "\n");
            // Inside, not at an end: white space at an end is trimmed, which can leave a valid secret.
            int at = 1 + random.nextInt(rw.length() - 2);
            for (char c : "a0189=-_ .\u00e9".toCharArray()) {
                bad.add(rw.substring(0, at) + c + rw.substring(at + 1));
                bad.add(rw.substring(0, at) + c + rw.substring(at));
                bad.add(ro.substring(0, at + 1) + c + ro.substring(at + 2));
            }
            for (char prefix : "ABCDEFZ2".toCharArray()) {
                bad.add(prefix + rw);
                bad.add(prefix + rw + Base32.encode(randomKey()));
            }
            bad.add(String.join("-", rw.substring(0, 8), rw.substring(8, 16), rw.substring(16, 24), rw.substring(24)));
            byte[] custom = new byte[33];
            random.nextBytes(custom);
            bad.add(Base64.getEncoder().encodeToString(custom));
        }
        return bad;
    }

    private byte[] randomKey() {
        byte[] key = new byte[KeyDerivation.KEY_LENGTH];
        random.nextBytes(key);
        return key;
    }

    /** Case-insensitive, so that a folded or re-encoded echo counts as a leak too. */
    private static void assertNoRunOf(String secret, String shown) {
        String haystack = shown.toUpperCase(Locale.ROOT);
        String needle = SecretParser.strip(secret).toUpperCase(Locale.ROOT);
        for (int i = 0; i + WINDOW <= needle.length(); i++) {
            String run = needle.substring(i, i + WINDOW);
            if (haystack.contains(run)) {
                // Do not print the secret even here: a test log is a log.
                fail("characters " + (i + 1) + ".." + (i + WINDOW) + " of an input appear at index "
                        + haystack.indexOf(run) + " of a message " + shown.length() + " long");
            }
        }
        assertFalse(haystack.contains(needle));
    }
}
