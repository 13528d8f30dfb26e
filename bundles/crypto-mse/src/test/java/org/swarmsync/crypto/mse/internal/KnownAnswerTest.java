package org.swarmsync.crypto.mse.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.Test;
import org.swarmsync.api.crypto.HandshakeFailure;

/**
 * Known answers for MSE's arithmetic (the RC4 ones are checked against both implementations
 * by {@link Rc4KnownAnswerTest}), computed outside Java with /usr/bin/python3
 * (hashlib and pow() only) and a ten-line RC4, not copied from this code's output:
 *
 * <pre>
 * import hashlib
 * P = int("FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22"
 *         "514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6"
 *         "F44C42E9A63A36210000000000090563", 16)
 * def rc4(key, n, drop=0):
 *     s = list(range(256)); j = 0
 *     for i in range(256):
 *         j = (j + s[i] + key[i % len(key)]) &amp; 0xff; s[i], s[j] = s[j], s[i]
 *     i = j = 0; out = bytearray()
 *     for _ in range(drop + n):
 *         i = (i + 1) &amp; 0xff; j = (j + s[i]) &amp; 0xff; s[i], s[j] = s[j], s[i]
 *         out.append(s[(s[i] + s[j]) &amp; 0xff])
 *     return bytes(out[drop:])
 * sha1 = lambda b: hashlib.sha1(b).digest()
 * xa = int("0123456789abcdef0123456789abcdef01234567", 16)
 * xb = int("fedcba9876543210fedcba9876543210fedcba98", 16)
 * ya = pow(2, xa, P); yb = pow(2, xb, P); s = pow(yb, xa, P); assert s == pow(ya, xb, P)
 * S = s.to_bytes(96, "big"); skey = sha1(b"swarmsync test key")
 * print(ya.to_bytes(96, "big").hex(), yb.to_bytes(96, "big").hex(), S.hex(), skey.hex())
 * print(sha1(b"req1" + S).hex(), sha1(b"req2" + skey).hex(), sha1(b"req3" + S).hex())
 * ka = sha1(b"keyA" + S + skey); kb = sha1(b"keyB" + S + skey); print(ka.hex(), kb.hex())
 * print(rc4(ka, 16, 1024).hex(), rc4(kb, 16, 1024).hex())
 * print(bytes(a ^ b for a, b in zip(b"Attack at dawn", rc4(b"Secret", 14))).hex())  # the classic vector
 * print(pow(2, 100, P).to_bytes(96, "big").hex())
 * </pre>
 */
public class KnownAnswerTest {

    private static final HexFormat HEX = HexFormat.of();

    private static final BigInteger XA = new BigInteger("0123456789abcdef0123456789abcdef01234567", 16);
    private static final BigInteger XB = new BigInteger("fedcba9876543210fedcba9876543210fedcba98", 16);
    private static final String YA = "6fd4bc7aa649593205ec30348a3ccc737b61fa01e9e1762c2c53eb69033afecb"
            + "df7c13b8ac3643af78d0760b0f42db009f2b96c970f009d060faf617f117d0f1c221cea0561b9a86e852fc70a6f09ad0"
            + "f82378603aa5e56b811deb3f534bf276";
    private static final String YB = "e2666b9cffca63998c8e806db50c47ac12512b327c5ec48d62e0a43c2961afcf"
            + "136e7219fe2ec51e656b2f01ed089dd8cc53c78e7d650df59a752131bcf8ffff122144bf10c6269b47886d6af5838922"
            + "3c66153ebb5e3dc18ea849ceb60ac18e";
    private static final String S = "0bf59f468e43b9f22a5fd0ccbc9bd7825a7495f6e670c31533db364b536ee297"
            + "a737d565ff7829d4c397de16aec19f893e3d28eaa14eaf7e17e1026697089fdff81c7dc7e4c65e6211443d9dd3e5d8b0"
            + "c0e8b2888af39637af18a75cc1b17685";
    private static final String SKEY = "05695e6619a093b2b552d45f2b301517924ee3ac";
    private static final String REQ1 = "e12fb1218d51e869dc8785d0bfafa6f1d59ee4e0";
    private static final String REQ2 = "226b4f9c3012327dada45b63294e5dfb72630d08";
    private static final String REQ3 = "e958c54b3416790c08e23c2ab9e1af18267b8fd3";
    static final String KEY_A = "261ba53e4daf86c5005f282ff0e050bb0d14ea09";
    static final String KEY_B = "0c051d0cc47eb3a337d5a28e3456bcad0743baac";
    /** The first 16 keystream bytes of each direction after the 1024-byte discard. */
    static final String STREAM_A = "c3d4cd3d2730f493382450515024f0ca";
    static final String STREAM_B = "f9f44fce8e671d0d4fea75e58e660d0a";
    private static final String TWO_TO_THE_100 = "00".repeat(83) + "10" + "00".repeat(12);

    @Test
    public void primeIsTheMseValueNotOakleyGroupOne() {
        BigInteger oakley1 = new BigInteger("FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74"
                + "020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7E"
                + "C6F44C42E9A63A3620FFFFFFFFFFFFFFFF", 16);
        assertEquals(BigInteger.valueOf(0x90564), MseConstants.P.subtract(oakley1));
        assertEquals(768, MseConstants.P.bitLength());
        assertEquals(BigInteger.ONE, BigInteger.TWO.modPow(MseConstants.P.subtract(BigInteger.ONE), MseConstants.P));
    }

    @Test
    public void publicValuesMatchPythonPow() {
        assertArrayEquals(HEX.parseHex(YA), DiffieHellman.ofPrivate(XA).publicKey());
        assertArrayEquals(HEX.parseHex(YB), DiffieHellman.ofPrivate(XB).publicKey());
    }

    @Test
    public void smallPublicValueIsLeftPaddedTo96Bytes() {
        byte[] y = DiffieHellman.ofPrivate(BigInteger.valueOf(100)).publicKey();
        assertEquals(96, y.length);
        assertArrayEquals(HEX.parseHex(TWO_TO_THE_100), y);
    }

    @Test
    public void bothSidesDeriveTheSameSecret() throws MseFailure {
        assertArrayEquals(HEX.parseHex(S), DiffieHellman.ofPrivate(XA).sharedSecret(HEX.parseHex(YB)));
        assertArrayEquals(HEX.parseHex(S), DiffieHellman.ofPrivate(XB).sharedSecret(HEX.parseHex(YA)));
    }

    @Test
    public void hashesMatchPythonHashlib() {
        byte[] s = HEX.parseHex(S);
        byte[] skey = HEX.parseHex(SKEY);
        assertArrayEquals(skey, sha1("swarmsync test key"));
        assertArrayEquals(HEX.parseHex(REQ1), MseHashes.req1(s));
        assertArrayEquals(HEX.parseHex(REQ2), MseHashes.req2(skey));
        assertArrayEquals(HEX.parseHex(REQ3), MseHashes.req3(s));
        assertArrayEquals(HEX.parseHex(KEY_A), MseHashes.keyA(s, skey));
        assertArrayEquals(HEX.parseHex(KEY_B), MseHashes.keyB(s, skey));
    }

    @Test
    public void publicValuesOutsideTwoToPMinusTwoAreRefused() throws MseFailure {
        DiffieHellman dh = DiffieHellman.ofPrivate(XA);
        BigInteger p = MseConstants.P;
        for (BigInteger bad : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p,
                BigInteger.TWO.pow(768).subtract(BigInteger.ONE)}) {
            try {
                dh.sharedSecret(DiffieHellman.encode(bad));
                fail("accepted " + bad.toString(16));
            } catch (MseFailure e) {
                assertEquals(HandshakeFailure.INVALID_PUBLIC_KEY, e.failure());
            }
        }
        // The bounds themselves are valid.
        assertEquals(96, dh.sharedSecret(DiffieHellman.encode(BigInteger.TWO)).length);
        assertEquals(96, dh.sharedSecret(DiffieHellman.encode(p.subtract(BigInteger.TWO))).length);
    }

    @Test
    public void generatedPrivateKeysDiffer() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        assertEquals(false, Arrays.equals(DiffieHellman.generate(random).publicKey(),
                DiffieHellman.generate(random).publicKey()));
    }

    private static byte[] sha1(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
