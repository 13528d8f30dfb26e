package org.swarmsync.secrets.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.Test;
import org.swarmsync.api.secrets.Access;
import org.swarmsync.api.secrets.Secret;
import org.swarmsync.api.secrets.SecretService;
import org.swarmsync.api.secrets.ShareHash;

public class SecretServiceImplTest {

    private final SecretService service = new SecretServiceImpl();

    @Test
    public void protocolsVectorOfTwentyZeroBytes() {
        // PROTOCOLS.md §1.2, from the picosync wiki.
        assertChain("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "R3ZD4TMT6XDJQBW5V6LBVHZRSYOJSMLHQ",
                "474c188ef1315b7c1c298059dbbc5e15fd8ab9e9904cf7942af115b5ee2f39f4");
    }

    /*
     * Computed independently of this code:
     *
     *   import hashlib, base64
     *   def chain(raw):
     *       rw = base64.b32encode(raw).decode()
     *       ro = "R" + base64.b32encode(hashlib.sha256(raw).digest()).decode()[:32]
     *       share = hashlib.sha256(base64.b32decode(ro[1:])).hexdigest()
     *       return rw, ro, share
     *   print(chain(bytes(range(1, 21))))
     *   print(chain(b"\xff" * 20))
     */
    @Test
    public void pythonVectorOfBytesOneToTwenty() {
        assertChain("AEBAGBAFAYDQQCIKBMGA2DQPCAIREEYU",
                "R4EXQQ5BTITAOVN5PVIRLW4PCOJPX4E66",
                "9a18b5eb781bcbbbe01416e3882198a81f7a229895586ca4de003d900a086644");
    }

    @Test
    public void pythonVectorOfTwentyFfBytes() {
        assertChain("77777777777777777777777777777777",
                "RTKG42P4766VDCFHBIHYDYEUYTU3D5KA7",
                "caddb4d07e765512f4a7bce07013424da2d54f292363ccc5e577325a797364b4");
    }

    private void assertChain(String readWrite, String readOnly, String shareHex) {
        Secret rw = service.parse(readWrite);
        assertEquals(Access.READ_WRITE, rw.access());
        assertEquals(readWrite, rw.text());
        assertEquals(readOnly, rw.readOnly().text());
        assertEquals(ShareHash.ofHex(shareHex), rw.shareHash());

        Secret ro = service.parse(readOnly);
        assertEquals(Access.READ_ONLY, ro.access());
        assertEquals(readOnly, ro.text());
        assertEquals(ShareHash.ofHex(shareHex), ro.shareHash());
        assertEquals(ro, rw.readOnly());
    }

    @Test
    public void readOnlyKeyIsTheFirst32LettersOfTheDigestAsTheProtocolWordsIt() {
        // §1.2 says "first 32 chars of base32(SHA-256(raw))"; we take the first 20 bytes.
        for (Secret rw : generated(20)) {
            byte[] key = Base32.decode(rw.text());
            String spelled = "R" + Base32.encode(KeyDerivation.sha256(key)).substring(0, 32);
            assertEquals(spelled, rw.readOnly().text());
        }
    }

    @Test
    public void generateEncodesTheRandomBytes() {
        SecureRandom zeros = new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, (byte) 0);
            }
        };
        Secret secret = new SecretServiceImpl(zeros).generate();
        assertEquals("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", secret.text());
        assertEquals(ShareHash.ofHex("474c188ef1315b7c1c298059dbbc5e15fd8ab9e9904cf7942af115b5ee2f39f4"),
                secret.shareHash());
    }

    @Test
    public void generateGivesDistinct32LetterReadWriteSecrets() {
        Set<String> texts = new HashSet<>();
        for (Secret secret : generated(200)) {
            assertEquals(Access.READ_WRITE, secret.access());
            assertEquals(32, secret.text().length());
            for (char c : secret.text().toCharArray()) {
                assertTrue(Base32.ALPHABET.indexOf(c) >= 0);
            }
            texts.add(secret.text());
        }
        assertEquals(200, texts.size());
    }

    @Test
    public void generatedSecretsUseTheWholeAlphabet() {
        // 200 × 32 letters: a letter never seen would mean a broken encoder or random source.
        Set<Character> seen = new HashSet<>();
        for (Secret secret : generated(200)) {
            for (char c : secret.text().toCharArray()) {
                seen.add(c);
            }
        }
        assertEquals(32, seen.size());
    }

    @Test
    public void generateTextParseRoundTrips() {
        for (Secret secret : generated(50)) {
            Secret parsed = service.parse(secret.text());
            assertEquals(secret, parsed);
            assertEquals(secret.hashCode(), parsed.hashCode());
            assertEquals(secret.shareHash(), parsed.shareHash());
            assertEquals(secret.readOnly(), parsed.readOnly());
            assertEquals(secret.readOnly(), service.parse(secret.readOnly().text()));
        }
    }

    @Test
    public void readOnlyOfReadOnlyIsItself() {
        Secret ro = service.generate().readOnly();
        assertEquals(Access.READ_ONLY, ro.access());
        assertSame(ro, ro.readOnly());
        Secret parsed = service.parse(ro.text());
        assertSame(parsed, parsed.readOnly());
    }

    @Test
    public void readWriteAndItsReadOnlyShareTheShareHashButDiffer() {
        for (Secret rw : generated(20)) {
            Secret ro = rw.readOnly();
            assertEquals(rw.shareHash(), ro.shareHash());
            assertNotEquals(rw, ro);
            assertEquals(33, ro.text().length());
            assertTrue(ro.text().startsWith("R"));
            assertFalse(ro.text().substring(1).equals(rw.text()));
        }
    }

    @Test
    public void differentSecretsAreNotEqual() {
        Secret a = service.parse("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        Secret b = service.parse("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB");
        assertNotEquals(a, b);
        assertNotEquals(a.shareHash(), b.shareHash());
        assertNotEquals(a, null);
        assertNotEquals(a, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    }

    @Test
    public void toStringShowsAccessAndShareHashPrefixOnly() {
        Secret rw = service.parse("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertEquals("Secret[read-write, share 474c188e…]", rw.toString());
        assertEquals("Secret[read-only, share 474c188e…]", rw.readOnly().toString());
    }

    private List<Secret> generated(int count) {
        List<Secret> secrets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            secrets.add(service.generate());
        }
        return secrets;
    }
}
