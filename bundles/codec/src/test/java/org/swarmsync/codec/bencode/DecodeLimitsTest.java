package org.swarmsync.codec.bencode;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.swarmsync.codec.bencode.Inputs.assertRejected;
import static org.swarmsync.codec.bencode.Inputs.bytes;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.Assume;
import org.junit.Test;

/** Caller-set limits, and the hostile inputs of PROTOCOLS.md §5: allocation bombs and deep nesting. */
public class DecodeLimitsTest {

    @Test
    public void hugeClaimedStringLengthFailsAgainstTheRemainingInput() {
        assertRejected("99999999999:", 0, "string length 99999999999 exceeds the 0 bytes remaining");
        assertRejected("l99999999999:e", 1, "string length 99999999999 exceeds the 1 bytes remaining");
        assertRejected("2147483648:xy", 0, "string length 2147483648 exceeds the 2 bytes remaining");
        assertRejected("1234567890123456789:", 0,
                "string length of more than 18 digits exceeds the remaining input");
    }

    @Test
    public void hugeClaimedStringLengthAllocatesNothingForIt() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Assume.assumeTrue(mx instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
        Assume.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        byte[] bomb = bytes("99999999999:");
        for (int i = 0; i < 3; i++) { // warm up class loading and the exception path
            assertThrows(BencodeException.class, () -> Bencode.decode(bomb));
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        BencodeException e = assertThrows(BencodeException.class, () -> Bencode.decode(bomb));
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertEquals(0, e.offset());
        // The exception and its message cost a few KiB; a buffer for the claimed length would be 93 GiB.
        assertTrue("allocated " + allocated + " bytes", allocated < 64 * 1024);
    }

    @Test
    public void tinyStringLimitRejectsBeforeReading() {
        BencodeDecoder decoder = BencodeDecoder.strict(DecodeLimits.DEFAULT.withMaxStringLength(4));
        assertEquals(BBytes.ofAscii("spam"), decoder.decode(bytes("4:spam")));
        assertRejected(decoder, "5:spams", 0, "string length 5 exceeds the limit of 4 bytes");
        assertRejected(decoder, "l4:spam5:eggs!e", 7, "string length 5 exceeds the limit of 4 bytes");
    }

    @Test
    public void hundredThousandNestedListsFailWithADepthError() {
        byte[] deep = new byte[100_000];
        Arrays.fill(deep, (byte) 'l');
        BencodeException e = assertThrows(BencodeException.class, () -> Bencode.decode(deep));
        assertEquals(100, e.offset());
        assertEquals("nesting depth exceeds the limit of 100", e.problem());
    }

    @Test
    public void depthLimitAllowsExactlyTheLimit() {
        String ok = "l".repeat(100) + "e".repeat(100);
        assertEquals(BType.LIST, Bencode.decode(bytes(ok)).type());
        assertRejected("l".repeat(101) + "e".repeat(101), 100, "nesting depth exceeds the limit of 100");
        assertRejected("d1:a" + "d1:a".repeat(100) + "i1e" + "e".repeat(101), 400,
                "nesting depth exceeds the limit of 100");
    }

    @Test
    public void deepNestingWithinARaisedLimitDecodesWithoutRecursion() {
        int depth = 200_000;
        byte[] input = new byte[2 * depth];
        Arrays.fill(input, 0, depth, (byte) 'l');
        Arrays.fill(input, depth, 2 * depth, (byte) 'e');
        BencodeDecoder decoder = BencodeDecoder.strict(DecodeLimits.DEFAULT.withMaxDepth(depth));
        BValue v = decoder.decode(input);
        int levels = 0;
        while (!v.asList().isEmpty()) {
            v = v.asList().get(0);
            levels++;
        }
        assertEquals(depth - 1, levels);
        // The encoder is iterative too.
        assertTrue(Arrays.equals(input, Bencode.encode(decoder.decode(input))));
    }

    @Test
    public void valueCountLimitCountsEveryValue() {
        BencodeDecoder decoder = BencodeDecoder.strict(DecodeLimits.DEFAULT.withMaxValues(4));
        assertEquals(3, decoder.decode(bytes("li1ei2ei3ee")).asList().size());
        assertRejected(decoder, "li1ei2ei3ei4ee", 10, "more than 4 values");
        assertRejected(decoder, "llllleeeee", 4, "more than 4 values");
        assertRejected(decoder, "d1:a1:b1:c1:de", 10, "more than 4 values");
    }

    @Test
    public void defaultValueCountLimitIsTwoMillion() {
        assertEquals(2_000_000, DecodeLimits.DEFAULT.maxValues());
        StringBuilder sb = new StringBuilder(4_000_010).append('l');
        sb.append("0:".repeat(2_000_000)).append('e');
        assertRejected(sb.toString(), 3_999_999, "more than 2000000 values");
    }

    @Test
    public void inputSizeLimitIsCheckedFirst() {
        BencodeDecoder decoder = BencodeDecoder.strict(DecodeLimits.DEFAULT.withMaxInputBytes(8));
        assertEquals(BBytes.ofAscii("123456"), decoder.decode(bytes("6:123456")));
        assertRejected(decoder, "7:1234567", 8, "input of 9 bytes exceeds the limit of 8 bytes");
    }

    @Test
    public void limitsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new DecodeLimits(0, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> DecodeLimits.DEFAULT.withMaxInputBytes(0));
        assertThrows(IllegalArgumentException.class, () -> DecodeLimits.DEFAULT.withMaxStringLength(-1));
        assertThrows(IllegalArgumentException.class, () -> DecodeLimits.DEFAULT.withMaxValues(0));
        assertEquals(new DecodeLimits(100, (1 << 29) - 1, (1 << 29) - 1, 2_000_000), DecodeLimits.DEFAULT);
    }
}
