package org.swarmsync.bench.mse;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.swarmsync.crypto.mse.internal.GcmRecordCipher;
import org.swarmsync.crypto.mse.internal.NativeRc4;

/**
 * The cost of protecting one buffer of payload end to end: the sender's encryption plus the
 * receiver's decryption, in one thread. AES-128-GCM as the MSE stage's records do it (JDK
 * provider, re-initialised per record of at most 16 KiB) against RC4 encrypting and
 * decrypting the same buffer (OpenSSL through the bundle's shim, and the JDK's ARCFOUR).
 * Throughput in operations per second; payload MB/s = ops/s × size / 10^6.
 *
 * <p>{@code jceOneRecord} seals and opens the whole buffer as one GCM message: at 64 KiB, set
 * against {@code gcmRecords} (four 16 KiB records) it shows what the record size costs.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar 'mse.GcmBenchmark'}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GcmBenchmark {

    /** Payload bytes per operation: a BitTorrent block, and four of them. */
    @Param({"16384", "65536"})
    public int size;

    private byte[] plain;
    private byte[] wire;
    private byte[] back;
    private GcmRecordCipher sealer;
    private GcmRecordCipher opener;
    private Cipher jceSeal;
    private Cipher jceOpen;
    private SecretKeySpec aesKey;
    private final byte[] nonce = new byte[12];
    private long counter;
    private NativeRc4 opensslA;
    private NativeRc4 opensslB;
    private Cipher jdkA;
    private Cipher jdkB;

    @Setup
    public void setUp() throws Exception {
        Random random = new Random(42);
        byte[] material = new byte[32];
        random.nextBytes(material);
        plain = new byte[size];
        random.nextBytes(plain);
        wire = new byte[size + (size / GcmRecordCipher.MAX_PLAINTEXT + 1) * (GcmRecordCipher.HEADER + GcmRecordCipher.TAG)];
        back = new byte[size];
        sealer = new GcmRecordCipher(material, true);
        opener = new GcmRecordCipher(material, false);
        aesKey = new SecretKeySpec(material, 0, 16, "AES");
        jceSeal = Cipher.getInstance("AES/GCM/NoPadding");
        jceOpen = Cipher.getInstance("AES/GCM/NoPadding");
        byte[] rc4Key = new byte[20];
        random.nextBytes(rc4Key);
        // Throws if the bundle's JNI shim or libcrypto did not load: then there is no baseline.
        opensslA = new NativeRc4(rc4Key);
        opensslB = new NativeRc4(rc4Key);
        jdkA = Cipher.getInstance("ARCFOUR");
        jdkA.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(rc4Key, "ARCFOUR"));
        jdkB = Cipher.getInstance("ARCFOUR");
        jdkB.init(Cipher.DECRYPT_MODE, new SecretKeySpec(rc4Key, "ARCFOUR"));
    }

    @TearDown
    public void tearDown() {
        opensslA.close();
        opensslB.close();
    }

    /** What a swarmsync connection does: records of at most 16 KiB, sealed then opened. */
    @Benchmark
    public byte[] gcmRecords() throws Exception {
        ByteBuffer src = ByteBuffer.wrap(plain);
        int used = 0;
        while (src.hasRemaining()) {
            used += sealer.seal(src, Math.min(GcmRecordCipher.MAX_PLAINTEXT, src.remaining()), wire, used);
        }
        int at = 0;
        for (int off = 0; off < used; ) {
            int body = GcmRecordCipher.bodyLength(wire, off);
            at += opener.open(wire, off, back, at);
            off += GcmRecordCipher.HEADER + body;
        }
        return back;
    }

    /** The whole buffer as one GCM message (one init, one tag): the cost of the record size. */
    @Benchmark
    public byte[] jceOneRecord() throws Exception {
        long c = counter++;
        for (int i = 11; i >= 4; i--) {
            nonce[i] = (byte) c;
            c >>>= 8;
        }
        jceSeal.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(128, nonce));
        int n = jceSeal.doFinal(plain, 0, size, wire, 0);
        jceOpen.init(Cipher.DECRYPT_MODE, aesKey, new GCMParameterSpec(128, nonce));
        jceOpen.doFinal(wire, 0, n, back, 0);
        return back;
    }

    /** The RC4 baseline: OpenSSL's RC4 through the shim, once to encrypt and once to decrypt. */
    @Benchmark
    public byte[] rc4Openssl() {
        opensslA.apply(plain, 0, size);
        opensslB.apply(plain, 0, size);
        return plain;
    }

    /** The RC4 fallback: the JDK's ARCFOUR, encrypt then decrypt. */
    @Benchmark
    public byte[] rc4Jdk() throws Exception {
        jdkA.update(plain, 0, size, plain, 0);
        jdkB.update(plain, 0, size, plain, 0);
        return plain;
    }
}
