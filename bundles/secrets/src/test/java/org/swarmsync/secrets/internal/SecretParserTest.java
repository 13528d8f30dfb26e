package org.swarmsync.secrets.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.Test;
import org.swarmsync.api.secrets.Access;
import org.swarmsync.api.secrets.InvalidSecretException;
import org.swarmsync.api.secrets.ShareHash;

public class SecretParserTest {

    private static final String RW = "AEBAGBAFAYDQQCIKBMGA2DQPCAIREEYU";
    private static final String RO = "R4EXQQ5BTITAOVN5PVIRLW4PCOJPX4E66";
    private static final String NOT_A_LETTER = " is not a base32 letter (A-Z, 2-7)";
    private static final String LOWER_CASE = " is lower case; secrets are written in upper case (A-Z, 2-7)";
    private static final String UNKNOWN_PREFIX = "unknown secret type: a 33-character secret must start with R"
            + " (read-only); the 1.4+ key types A-F are not supported yet, as their derivations are not public";

    @Test
    public void acceptsBothForms() {
        assertEquals(Access.READ_WRITE, SecretParser.parse(RW).access());
        assertEquals(Access.READ_ONLY, SecretParser.parse(RO).access());
    }

    @Test
    public void trimsSurroundingWhiteSpace() {
        for (String around : new String[] {" ", "\t", "\n", "\r\n", " \t\n ", "\u00a0", "\u2007", "\u202f",
            "\u200b", "\ufeff", "\u3000"}) {
            assertEquals(RW, SecretParser.parse(around + RW + around).text());
            assertEquals(RO, SecretParser.parse(around + RO).text());
            assertEquals(RO, SecretParser.parse(RO + around).text());
        }
    }

    @Test
    public void rejectsNull() {
        assertThrows(NullPointerException.class, () -> SecretParser.parse(null));
    }

    @Test
    public void rejectsEmptyAndBlank() {
        for (String blank : new String[] {"", " ", "\t\n", "\u00a0\u200b"}) {
            assertMessage("secret is empty", blank);
        }
    }

    @Test
    public void rejectsWrongLengthsSayingWhatWasExpected() {
        assertMessage("expected 32 or 33 characters, got 1", "A");
        assertMessage("expected 32 or 33 characters, got 31", RW.substring(1));
        assertMessage("expected 32 or 33 characters, got 34", RO + "A");
        assertMessage("expected 32 or 33 characters, got 39", RO + "AAAAAA");
        // A 1.4+ E key (two 20-byte keys) and a base64 custom secret.
        String tail = "; 1.4+ keys and custom secrets are not supported yet";
        assertMessage("expected 32 or 33 characters, got 65" + tail, "E" + RW + RW);
        assertMessage("expected 32 or 33 characters, got 44" + tail, "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=");
    }

    @Test
    public void lengthCountsCharactersNotUtf16Units() {
        // One emoji is two chars but one character: 31 letters + it = 32 characters.
        assertMessage("character 32" + NOT_A_LETTER, RW.substring(1) + "\ud83d\ude00");
        assertMessage("character 1" + NOT_A_LETTER, "\ud83d\ude00" + RW.substring(1));
    }

    @Test
    public void namesThePositionOfTheFirstCharacterOutsideTheAlphabet() {
        for (char bad : "0189=-+/_.\u00c4\u0410".toCharArray()) {
            assertMessage("character 5" + NOT_A_LETTER, RW.substring(0, 4) + bad + RW.substring(5));
            assertMessage("character 33" + NOT_A_LETTER, RO.substring(0, 32) + bad);
            assertMessage("character 1" + NOT_A_LETTER, bad + RO.substring(1));
        }
        // Two bad ones: the first is named.
        assertMessage("character 3" + NOT_A_LETTER, "AA0A1" + RW.substring(5));
    }

    @Test
    public void aSeparatorInsideASecretIsReportedWhereItIs() {
        // 32 letters plus a dash makes 33 characters: the dash, not the prefix, is the problem.
        assertMessage("character 17" + NOT_A_LETTER, RW.substring(0, 16) + "-" + RW.substring(16));
        assertMessage("character 9" + NOT_A_LETTER, RW.substring(0, 8) + " " + RW.substring(9));
        assertMessage("character 9" + NOT_A_LETTER, RW.substring(0, 8) + " " + RW.substring(8));
    }

    @Test
    public void refusesLowerCaseNamingThePosition() {
        assertMessage("character 1" + LOWER_CASE, RW.toLowerCase());
        assertMessage("character 7" + LOWER_CASE, RW.substring(0, 6) + "q" + RW.substring(7));
        assertMessage("character 1" + LOWER_CASE, "r" + RO.substring(1));
        // Character 2 of this one is the digit 4, which has no case.
        assertMessage("character 3" + LOWER_CASE, "R" + RO.substring(1).toLowerCase());
    }

    @Test
    public void rejectsEveryPrefixButRForThirtyThreeCharacters() {
        for (char prefix : Base32.ALPHABET.toCharArray()) {
            if (prefix != 'R') {
                assertMessage(UNKNOWN_PREFIX, prefix + RW);
            }
        }
    }

    @Test
    public void everyLastLetterIsAValidKeySoNoSecretIsNonCanonical() {
        // 32 letters carry 160 bits = 20 bytes with none spare: the canonical-bits check in
        // Base32.decode can never fire for a secret, and no two spellings share a key.
        Set<ShareHash> hashes = new HashSet<>();
        for (char last : Base32.ALPHABET.toCharArray()) {
            String text = RW.substring(0, 31) + last;
            assertEquals(text, SecretParser.parse(text).text());
            hashes.add(SecretParser.parse(text).shareHash());
            hashes.add(SecretParser.parse("R" + text).shareHash());
        }
        assertEquals(64, hashes.size());
    }

    static void assertMessage(String expected, String input) {
        InvalidSecretException e = assertThrows(InvalidSecretException.class, () -> SecretParser.parse(input));
        assertEquals(expected, e.getMessage());
    }
}
