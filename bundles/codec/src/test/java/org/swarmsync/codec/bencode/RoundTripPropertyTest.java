package org.swarmsync.codec.bencode;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.Test;

/** Seeded random values: round trips, canonical form, and mutated encodings that must fail cleanly. */
public class RoundTripPropertyTest {

    private static final int VALUES = 3000;
    // Key bytes drawn from the corners of unsigned order, so signed comparison would be caught.
    private static final byte[] KEY_ALPHABET = {0x00, 0x01, 'a', 'b', 'z', 0x7f, (byte) 0x80, (byte) 0xfe, (byte) 0xff};
    private static final long[] EDGE_LONGS = {0, -1, 1, 9, 10, -10, 99, 100, Long.MAX_VALUE, Long.MIN_VALUE,
        Long.MAX_VALUE - 1, Long.MIN_VALUE + 1, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L, Integer.MIN_VALUE};

    static BValue randomValue(Random r, int depth) {
        switch (depth >= 5 ? r.nextInt(2) : r.nextInt(4)) {
            case 0:
                byte[] b = new byte[r.nextInt(8) == 0 ? r.nextInt(300) : r.nextInt(12)];
                r.nextBytes(b);
                return BBytes.wrap(b);
            case 1:
                switch (r.nextInt(3)) {
                    case 0:
                        return BInteger.of(r.nextInt(4000) - 2000);
                    case 1:
                        return BInteger.of(r.nextLong() >> r.nextInt(64));
                    default:
                        return BInteger.of(EDGE_LONGS[r.nextInt(EDGE_LONGS.length)]);
                }
            case 2:
                BList.Builder list = BList.builder();
                for (int i = r.nextInt(6); i > 0; i--) {
                    list.add(randomValue(r, depth + 1));
                }
                return list.build();
            default:
                BDict.Builder dict = BDict.builder();
                Set<BBytes> keys = new HashSet<>();
                for (int i = r.nextInt(6); i > 0; i--) {
                    byte[] k = new byte[r.nextInt(4)];
                    for (int j = 0; j < k.length; j++) {
                        k[j] = KEY_ALPHABET[r.nextInt(KEY_ALPHABET.length)];
                    }
                    if (keys.add(BBytes.wrap(k))) {
                        dict.put(BBytes.wrap(k), randomValue(r, depth + 1));
                    }
                }
                return dict.build();
        }
    }

    @Test
    public void randomValuesRoundTripAndEncodeCanonically() throws IOException {
        Random r = new Random(20240611L);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<BValue> values = new ArrayList<>();
        for (int n = 0; n < VALUES; n++) {
            BValue v = randomValue(r, 0);
            byte[] enc = v.encode();
            assertEquals(enc.length, Bencode.encodedLength(v));
            BValue decoded = Bencode.decode(enc); // strict: also proves the keys came out sorted
            assertEquals(v, decoded);
            assertEquals(v.hashCode(), decoded.hashCode());
            assertArrayEquals("idempotent", enc, decoded.encode());
            ByteBuffer direct = ByteBuffer.allocateDirect(enc.length + 3);
            direct.put(new byte[3]).put(enc).flip().position(3);
            assertEquals(v, Bencode.decode(direct));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Bencode.encode(v, out);
            assertArrayEquals(enc, out.toByteArray());
            all.write(enc);
            values.add(v);
        }
        // The same values as one stream of consecutive frames.
        ByteArrayInputStream in = new ByteArrayInputStream(all.toByteArray());
        for (BValue v : values) {
            assertEquals(v, Bencode.read(in));
        }
        assertEquals(0, in.available());
    }

    @Test
    public void mutatedEncodingsDecodeCanonicallyOrFailWithAnOffset() {
        Random r = new Random(7L);
        int failures = 0;
        int successes = 0;
        for (int n = 0; n < VALUES; n++) {
            byte[] enc = randomValue(r, 0).encode();
            for (int m = 0; m < 4; m++) {
                byte[] bad = mutate(r, enc);
                BValue fromArray;
                try {
                    fromArray = Bencode.decode(bad);
                } catch (BencodeException e) {
                    failures++;
                    assertTrue(e.getMessage(), e.offset() >= 0 && e.offset() <= bad.length);
                    assertEquals(e.getMessage(), "at offset " + e.offset() + ": " + e.problem());
                    assertSameFailureFromDirectBuffer(bad, e);
                    assertStreamFails(bad, e);
                    continue;
                } catch (RuntimeException | StackOverflowError e) {
                    throw new AssertionError("not a BencodeException for " + Arrays.toString(bad), e);
                }
                successes++;
                // Strict decoding accepts only canonical input.
                assertArrayEquals(bad, fromArray.encode());
            }
        }
        assertTrue(failures > VALUES && successes > 100);
    }

    private static void assertSameFailureFromDirectBuffer(byte[] bad, BencodeException expected) {
        ByteBuffer direct = ByteBuffer.allocateDirect(bad.length);
        direct.put(bad).flip();
        try {
            Bencode.decode(direct);
            fail("direct buffer accepted what the array decoder rejected");
        } catch (BencodeException e) {
            assertEquals(expected.getMessage(), e.getMessage());
        }
    }

    private static void assertStreamFails(byte[] bad, BencodeException fromArray) {
        try {
            Bencode.read(new ByteArrayInputStream(bad));
            // Only a complete value followed by trailing bytes may read successfully.
            assertTrue(fromArray.getMessage(), fromArray.problem().startsWith("trailing bytes"));
        } catch (BencodeException e) {
            assertTrue(e.offset() >= 0);
        } catch (IOException e) {
            assertTrue("EOF only for empty input", bad.length == 0);
        }
    }

    private static byte[] mutate(Random r, byte[] enc) {
        byte[] b = enc.clone();
        int i = enc.length == 0 ? 0 : r.nextInt(enc.length);
        switch (r.nextInt(6)) {
            case 0: // flip to a random byte
                b[i] = (byte) r.nextInt(256);
                return b;
            case 1: // flip to a structural byte
                b[i] = "ilde:0123456789-"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII)[r.nextInt(16)];
                return b;
            case 2: // truncate
                return Arrays.copyOf(b, i);
            case 3: // insert a byte
                byte[] ins = new byte[b.length + 1];
                System.arraycopy(b, 0, ins, 0, i);
                ins[i] = (byte) "ilde:0 e9".charAt(r.nextInt(9));
                System.arraycopy(b, i, ins, i + 1, b.length - i);
                return ins;
            case 4: // delete a byte
                byte[] del = new byte[b.length - 1];
                System.arraycopy(b, 0, del, 0, i);
                System.arraycopy(b, i + 1, del, i, b.length - i - 1);
                return del;
            default: // append garbage
                byte[] more = Arrays.copyOf(b, b.length + 1 + r.nextInt(3));
                more[b.length] = (byte) r.nextInt(256);
                return more;
        }
    }

    @Test
    public void unsortedEncodingsAreRejectedStrictlyAndSortedLeniently() {
        Random r = new Random(99L);
        BencodeDecoder lenient = BencodeDecoder.strict().allowingUnsortedKeys();
        int shuffled = 0;
        for (int n = 0; n < 500; n++) {
            BValue v = randomValue(r, 3);
            if (!(v instanceof BDict d) || d.size() < 2) {
                continue;
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < d.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, r);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write('d');
            for (int i : order) {
                out.writeBytes(d.keyAt(i).encode());
                out.writeBytes(d.valueAt(i).encode());
            }
            out.write('e');
            byte[] unsorted = out.toByteArray();
            assertEquals(d, lenient.decode(unsorted));
            if (!order.equals(new ArrayList<>(new java.util.TreeSet<>(order)))) {
                shuffled++;
                try {
                    Bencode.decode(unsorted);
                    fail("strict decoder accepted unsorted keys");
                } catch (BencodeException e) {
                    assertTrue(e.problem(), e.problem().contains("is not sorted after"));
                }
            }
        }
        assertTrue(shuffled > 20);
    }
}
