package org.swarmsync.crypto.mse.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeNotNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;

/**
 * The choice of RC4 implementation, OpenSSL's RC4 against the JDK's on random data, and the
 * life cycle of the native state. The native tests are skipped (or fail, when the build
 * promised the shim) if the native RC4 is not in use, e.g. in the swarmsync.mse.native=false run.
 */
public class Rc4NativeTest {

    /** Far more ciphers than earlier tests in the same JVM can have left for the cleaner. */
    private static final int MANY = 5000;

    @Test
    public void theChoiceIsTheOneTheBuildExpects() {
        String expected = Rc4Choice.expected();
        assumeNotNull(expected);
        assertEquals(Rc4Library.describe(), expected.equals("native"), Rc4Library.usesNative());
        try (StreamCipher keyed = Rc4.keyed(new byte[20])) {
            assertEquals(expected.equals("native") ? NativeRc4.class : JdkRc4.class, keyed.getClass());
        }
        if (expected.equals("jdk")) {
            try {
                new NativeRc4(new byte[20]);
                fail("a native cipher was created although the JDK's is in use");
            } catch (IllegalStateException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("not available"));
            }
        }
    }

    @Test
    public void matchesTheJdkOnRandomDataWithRandomSplits() {
        Rc4Choice.requireNative();
        Random random = new Random(20261122);
        for (int round = 0; round < 50; round++) {
            byte[] key = new byte[5 + random.nextInt(124)]; // SunJCE takes 40 to 1024 bits
            random.nextBytes(key);
            byte[] plain = new byte[random.nextInt(70_000)];
            random.nextBytes(plain);
            byte[] viaNative = plain.clone();
            byte[] viaJdk = plain.clone();
            try (StreamCipher openssl = new NativeRc4(key)) {
                applyInRandomPieces(openssl, viaNative, random);
            }
            applyInRandomPieces(new JdkRc4(key), viaJdk, random);
            assertArrayEquals("round " + round + ", key length " + key.length, viaJdk, viaNative);
            if (plain.length > 16) {
                assertTrue(!Arrays.equals(plain, viaNative));
            }
        }
    }

    @Test
    public void matchesTheJdkOnBuffersLargerThanOneNativeSlice() {
        Rc4Choice.requireNative();
        Random random = new Random(3);
        byte[] key = new byte[20];
        random.nextBytes(key);
        byte[] plain = new byte[3 * NativeRc4.SLICE + 12345];
        random.nextBytes(plain);
        byte[] viaNative = plain.clone();
        byte[] viaJdk = plain.clone();
        try (StreamCipher openssl = new NativeRc4(key)) {
            openssl.apply(viaNative, 7, plain.length - 7);
        }
        new JdkRc4(key).apply(viaJdk, 7, plain.length - 7);
        assertArrayEquals(viaJdk, viaNative);
    }

    /** Pieces of 0 bytes, a few bytes, and up to 20 KiB, at random offsets. */
    private static void applyInRandomPieces(StreamCipher cipher, byte[] data, Random random) {
        int at = 0;
        while (at < data.length) {
            int n = Math.min(data.length - at, random.nextBoolean() ? random.nextInt(8) : random.nextInt(20_480));
            cipher.apply(data, at, n);
            at += n;
        }
    }

    @Test
    public void closeFreesTheNativeStateAndIsFinal() {
        Rc4Choice.requireNative();
        long before = NativeRc4.liveStates();
        List<NativeRc4> ciphers = new ArrayList<>();
        for (int i = 0; i < MANY; i++) {
            ciphers.add(new NativeRc4(new byte[] {(byte) i, 1, 2, 3, 4}));
        }
        assertTrue(NativeRc4.liveStates() > before);
        for (NativeRc4 cipher : ciphers) {
            cipher.close();
            cipher.close(); // idempotent
        }
        // Only the cleaner can lower the count meanwhile, so a leak of our MANY would show.
        assertTrue(NativeRc4.liveStates() + " live, " + before + " before", NativeRc4.liveStates() <= before);
        try {
            ciphers.get(0).apply(new byte[1], 0, 1);
            fail("a closed cipher still worked");
        } catch (IllegalStateException expected) {
            // no use after free
        }
    }

    @Test
    public void theCleanerFreesCiphersNobodyClosed() throws InterruptedException {
        Rc4Choice.requireNative();
        long before = NativeRc4.liveStates();
        for (int i = 0; i < MANY; i++) {
            new NativeRc4(new byte[] {(byte) i, 5, 6, 7, 8}).apply(new byte[16], 0, 16);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (NativeRc4.liveStates() > before && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        assertTrue(NativeRc4.liveStates() + " live, " + before + " before", NativeRc4.liveStates() <= before);
    }

    @Test
    public void closeWhileAnotherThreadAppliesNeverFreesUnderIt() throws Exception {
        Rc4Choice.requireNative();
        for (int round = 0; round < 20; round++) {
            NativeRc4 cipher = new NativeRc4(new byte[] {1, 2, 3, 4, 5, (byte) round});
            CountDownLatch started = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread worker = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try {
                    started.countDown();
                    while (true) {
                        cipher.apply(buffer, 0, buffer.length);
                    }
                } catch (IllegalStateException closed) {
                    // the expected way out
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            worker.start();
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Thread.sleep(round % 3);
            cipher.close();
            worker.join(10_000);
            assertTrue("the worker did not stop", !worker.isAlive());
            assertEquals(null, failure.get());
        }
    }

    @Test
    public void badArgumentsAreRefusedBeforeNativeCode() {
        Rc4Choice.requireNative();
        try (NativeRc4 cipher = new NativeRc4(new byte[] {1, 2, 3, 4, 5})) {
            for (int[] range : new int[][] {{-1, 1}, {0, 11}, {5, 6}, {11, 0}, {0, -1}}) {
                try {
                    cipher.apply(new byte[10], range[0], range[1]);
                    fail("accepted " + Arrays.toString(range));
                } catch (IndexOutOfBoundsException expected) {
                    // checked in Java, so native code never writes out of bounds
                }
            }
            cipher.apply(new byte[10], 10, 0);
        }
        try {
            new NativeRc4(null);
            fail("accepted a null key");
        } catch (NullPointerException expected) {
            // thrown in Java: JNI would crash on a null array
        }
        for (int length : new int[] {0, 257}) {
            try {
                new NativeRc4(new byte[length]);
                fail("accepted a key of " + length + " bytes");
            } catch (IllegalArgumentException expected) {
                // RC4 keys have 1 to 256 bytes
            }
        }
    }

    @Test
    public void aMissingLibcryptoIsReportedAndLeavesTheBoundOneInUse() {
        Rc4Choice.requireNative();
        String why = NativeRc4.bind("libswarmsync-no-such-library.so.9");
        assertNotNull(why);
        assertTrue(why, why.contains("libswarmsync-no-such-library"));
        assertNotNull(NativeRc4.bind("libc.so.6")); // loads, but has no RC4
        try (StreamCipher cipher = Rc4.discard(new NativeRc4(java.util.HexFormat.of().parseHex(KnownAnswerTest.KEY_A)))) {
            byte[] stream = new byte[16];
            cipher.apply(stream, 0, 16);
            assertArrayEquals(java.util.HexFormat.of().parseHex(KnownAnswerTest.STREAM_A), stream);
        }
    }
}
