package org.swarmsync.crypto.mse.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.Test;

/**
 * Known answers for the AES-128-GCM payload cipher, computed outside Java with
 * /usr/bin/python3, hashlib and the {@code cryptography} package (48.0.0), not copied from this
 * code's output. S and SKEY are those of {@link KnownAnswerTest}:
 *
 * <pre>
 * import hashlib
 * from cryptography.hazmat.primitives.ciphers.aead import AESGCM
 * S = bytes.fromhex("0bf59f46...c1b17685")      # KnownAnswerTest.S
 * skey = hashlib.sha1(b"swarmsync test key").digest()
 * ga = hashlib.sha256(b"swarmsync-gcm keyA" + S + skey).digest()
 * gb = hashlib.sha256(b"swarmsync-gcm keyB" + S + skey).digest()
 * def record(material, counter, plaintext):
 *     key, salt = material[:16], material[16:20]
 *     nonce = salt + counter.to_bytes(8, "big")
 *     header = (len(plaintext) + 16).to_bytes(2, "big")
 *     return header + AESGCM(key).encrypt(nonce, plaintext, header)
 * print(ga.hex(), gb.hex())
 * print(record(ga, 0, b"swarmsync over AES-128-GCM").hex(), record(ga, 1, b"second record").hex())
 * print(record(gb, 0, b"").hex())
 * </pre>
 */
public class GcmKnownAnswerTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String S = "0bf59f468e43b9f22a5fd0ccbc9bd7825a7495f6e670c31533db364b536ee297"
            + "a737d565ff7829d4c397de16aec19f893e3d28eaa14eaf7e17e1026697089fdff81c7dc7e4c65e6211443d9dd3e5d8b0"
            + "c0e8b2888af39637af18a75cc1b17685";
    private static final String SKEY = "05695e6619a093b2b552d45f2b301517924ee3ac";
    static final String GCM_A = "dd48999a946fd480dd2ed779722921add365dd0eb24ced5aaff5f3c7cf95cb79";
    static final String GCM_B = "0263be4731e30d8d67eeaf874eece9ace347cdc43207452847ee381aeeed8cb7";
    private static final String A0 = "002a7d42d2d66af7eff336210dc333c97bf72c289e148143f0b63bcb1eaa3d1dff22d3f3"
            + "a9aef5c755d70284";
    private static final String A1 = "001d860be47485944a4bfe935731de72c1eec8cfb0067562ce60f85704ebd7";
    private static final String B0 = "001053fb560e08ce57ffbb2f9ebc6effd1f5";

    @Test
    public void keyDerivationMatchesPythonHashlib() {
        assertArrayEquals(HEX.parseHex(GCM_A), MseHashes.gcmA(HEX.parseHex(S), HEX.parseHex(SKEY)));
        assertArrayEquals(HEX.parseHex(GCM_B), MseHashes.gcmB(HEX.parseHex(S), HEX.parseHex(SKEY)));
    }

    @Test
    public void sealedRecordsMatchPythonCryptography() throws IOException {
        GcmRecordCipher sealA = new GcmRecordCipher(HEX.parseHex(GCM_A), true);
        assertArrayEquals(HEX.parseHex(A0), seal(sealA, "swarmsync over AES-128-GCM"));
        assertArrayEquals(HEX.parseHex(A1), seal(sealA, "second record"));
        assertArrayEquals(HEX.parseHex(B0), seal(new GcmRecordCipher(HEX.parseHex(GCM_B), true), ""));
    }

    @Test
    public void pythonsRecordsOpenInOrder() throws IOException {
        GcmRecordCipher openA = new GcmRecordCipher(HEX.parseHex(GCM_A), false);
        byte[] out = new byte[64];
        int n = openA.open(HEX.parseHex(A0), 0, out, 0);
        assertEquals("swarmsync over AES-128-GCM", new String(out, 0, n, StandardCharsets.US_ASCII));
        n = openA.open(HEX.parseHex(A1), 0, out, 0);
        assertEquals("second record", new String(out, 0, n, StandardCharsets.US_ASCII));
    }

    @Test
    public void aRecordOutOfOrderOrUnderTheOtherKeyFailsAuthentication() {
        expectAuthenticationFailure(new GcmRecordCipher(HEX.parseHex(GCM_A), false), A1); // counter 0, record 1
        expectAuthenticationFailure(new GcmRecordCipher(HEX.parseHex(GCM_B), false), A0); // the other direction
    }

    @Test
    public void everyFlippedBitFailsAuthentication() {
        byte[] record = HEX.parseHex(A1);
        for (int bit = 0; bit < record.length * 8; bit++) {
            byte[] bad = record.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            GcmRecordCipher open = new GcmRecordCipher(HEX.parseHex(GCM_A), false, 1);
            try {
                open.open(Arrays.copyOf(bad, 2 + 0xffff), 0, new byte[GcmRecordCipher.MAX_PLAINTEXT], 0);
                fail("bit " + bit + " flipped and the record still opened");
            } catch (IOException e) {
                // A header bit changes the length (a bad length, or the tag read from the wrong
                // place) or the AAD; any other bit the ciphertext or tag.
                assertFalse(e.getMessage(), e.getMessage().isEmpty());
            }
        }
    }

    @Test
    public void theCounterRefusesItsLastValue() throws IOException {
        GcmRecordCipher seal = new GcmRecordCipher(HEX.parseHex(GCM_A), true, -2L);
        seal(seal, "the last record there is");
        try {
            seal(seal, "one too many");
            fail("sealed under the last counter value");
        } catch (IOException e) {
            assertEquals("AES-GCM record counter exhausted: no nonce is left for a further record", e.getMessage());
        }
    }

    @Test
    public void identicalPlaintextsGiveDifferentRecords() throws IOException {
        GcmRecordCipher seal = new GcmRecordCipher(HEX.parseHex(GCM_A), true);
        assertFalse(Arrays.equals(seal(seal, "same"), seal(seal, "same")));
    }

    @Test
    public void aDirectBufferSealsAsAHeapOneDoes() throws IOException {
        byte[] text = "swarmsync over AES-128-GCM".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer direct = ByteBuffer.allocateDirect(text.length).put(text).flip();
        byte[] out = new byte[GcmRecordCipher.MAX_RECORD];
        int n = new GcmRecordCipher(HEX.parseHex(GCM_A), true).seal(direct, text.length, out, 0);
        assertArrayEquals(HEX.parseHex(A0), Arrays.copyOf(out, n));
        assertFalse(direct.hasRemaining());
    }

    @Test
    public void aReadOnlyBufferSealsAsAHeapOneDoesAndLeavesTheRestInPlace() throws IOException {
        byte[] text = "swarmsync over AES-128-GCM and more".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer readOnly = ByteBuffer.wrap(text).asReadOnlyBuffer();
        byte[] out = new byte[GcmRecordCipher.MAX_RECORD];
        int n = new GcmRecordCipher(HEX.parseHex(GCM_A), true).seal(readOnly, 26, out, 0);
        assertArrayEquals(HEX.parseHex(A0), Arrays.copyOf(out, n));
        assertEquals(26, readOnly.position());
        assertEquals(text.length - 26, readOnly.remaining());
    }

    @Test
    public void theKeyNeverShowsInToString() {
        GcmRecordCipher seal = new GcmRecordCipher(HEX.parseHex(GCM_A), true);
        String text = seal + " " + new MseOutcome.GcmKeys(HEX.parseHex(GCM_A), HEX.parseHex(GCM_B));
        assertFalse(text, text.contains("dd48") || text.toLowerCase().contains(GCM_A.substring(0, 8)));
    }

    private static void expectAuthenticationFailure(GcmRecordCipher open, String record) {
        try {
            open.open(HEX.parseHex(record), 0, new byte[64], 0);
            fail("opened");
        } catch (IOException e) {
            assertEquals("AES-GCM record failed authentication", e.getMessage());
        }
    }

    private static byte[] seal(GcmRecordCipher cipher, String text) throws IOException {
        byte[] plain = text.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[GcmRecordCipher.MAX_RECORD];
        int n = cipher.seal(ByteBuffer.wrap(plain), plain.length, out, 0);
        return Arrays.copyOf(out, n);
    }
}
