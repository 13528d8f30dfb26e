package org.swarmsync.crypto.mse.internal;

import static org.junit.Assert.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/**
 * The RC4 known answers (derived with Python in {@link KnownAnswerTest}'s comment) against
 * each implementation: OpenSSL through the native shim, and the JDK's ARCFOUR.
 */
@RunWith(Parameterized.class)
public class Rc4KnownAnswerTest {

    private static final HexFormat HEX = HexFormat.of();

    @Parameters(name = "{0}")
    public static List<Object[]> implementations() {
        Function<byte[], StreamCipher> openssl = NativeRc4::new;
        Function<byte[], StreamCipher> jdk = JdkRc4::new;
        return List.of(new Object[] {"openssl", openssl}, new Object[] {"jdk", jdk});
    }

    @Parameter(0)
    public String name;

    @Parameter(1)
    public Function<byte[], StreamCipher> implementation;

    private StreamCipher cipher;

    @Before
    public void setUp() {
        if (name.equals("openssl")) {
            Rc4Choice.requireNative();
        }
    }

    @After
    public void tearDown() {
        if (cipher != null) {
            cipher.close();
        }
    }

    private StreamCipher keyed(String hexKey) {
        if (cipher != null) {
            cipher.close();
        }
        cipher = Rc4.discard(implementation.apply(HEX.parseHex(hexKey)));
        return cipher;
    }

    @Test
    public void keystreamsStartAfterThe1024ByteDiscard() {
        assertArrayEquals(HEX.parseHex(KnownAnswerTest.STREAM_A), keystream(keyed(KnownAnswerTest.KEY_A), 16));
        assertArrayEquals(HEX.parseHex(KnownAnswerTest.STREAM_B), keystream(keyed(KnownAnswerTest.KEY_B), 16));
    }

    @Test
    public void keystreamContinuesAcrossCalls() {
        StreamCipher a = keyed(KnownAnswerTest.KEY_A);
        byte[] first = keystream(a, 5);
        byte[] rest = keystream(a, 11);
        byte[] joined = Arrays.copyOf(first, 16);
        System.arraycopy(rest, 0, joined, 5, 11);
        assertArrayEquals(HEX.parseHex(KnownAnswerTest.STREAM_A), joined);
    }

    @Test
    public void passesTheClassicVector() {
        // ("Key", "Plaintext") is the better-known vector, but SunJCE refuses keys under 40 bits.
        byte[] text = "Attack at dawn".getBytes(StandardCharsets.US_ASCII);
        cipher = implementation.apply("Secret".getBytes(StandardCharsets.US_ASCII));
        cipher.apply(text, 0, text.length);
        assertArrayEquals(HEX.parseHex("45a01f645fc35b383552544b9bf5"), text);
    }

    @Test
    public void touchesOnlyTheGivenRange() {
        StreamCipher a = keyed(KnownAnswerTest.KEY_A);
        byte[] buffer = new byte[40];
        Arrays.fill(buffer, (byte) 0x5a);
        a.apply(buffer, 12, 16);
        for (int i = 0; i < 12; i++) {
            buffer[i] ^= 0x5a;
            buffer[28 + i] ^= 0x5a;
        }
        byte[] expected = new byte[40];
        byte[] stream = HEX.parseHex(KnownAnswerTest.STREAM_A);
        for (int i = 0; i < 16; i++) {
            expected[12 + i] = (byte) (stream[i] ^ 0x5a);
        }
        assertArrayEquals(expected, buffer);
    }

    private static byte[] keystream(StreamCipher cipher, int n) {
        byte[] zeros = new byte[n];
        cipher.apply(zeros, 0, n);
        return zeros;
    }
}
