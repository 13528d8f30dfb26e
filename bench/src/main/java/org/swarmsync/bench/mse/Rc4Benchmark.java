package org.swarmsync.bench.mse;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
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
import org.swarmsync.crypto.mse.internal.NativeRc4;

/**
 * RC4 over one buffer, in place, as the MSE stage applies it to every read and write.
 * Throughput in operations per second; MB/s = ops/s × size / 10^6. Compare with
 * {@code openssl speed -elapsed -evp rc4 -bytes 16384} run right beside it.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar 'mse.Rc4Benchmark'}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Rc4Benchmark {

    /** Buffer size in bytes; 16 KiB is a BitTorrent block and our write chunk. */
    @Param({"16384"})
    public int size;

    private byte[] buffer;
    private Cipher jdk;
    private RC4Engine bc;
    private HandRc4 hand;
    private NativeRc4 openssl;

    @Setup
    public void setUp() throws Exception {
        byte[] key = new byte[20];
        Random random = new Random(42);
        random.nextBytes(key);
        buffer = new byte[size];
        random.nextBytes(buffer);
        jdk = Cipher.getInstance("ARCFOUR");
        jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
        bc = new RC4Engine();
        bc.init(true, new KeyParameter(key));
        hand = new HandRc4(key);
        // Throws if the bundle's JNI shim or libcrypto did not load: then there is nothing to measure.
        openssl = new NativeRc4(key);
    }

    @TearDown
    public void tearDown() {
        openssl.close();
    }

    /** What the bundle uses: OpenSSL's RC4 from libcrypto through the bundle's JNI shim. */
    @Benchmark
    public byte[] openssl() {
        openssl.apply(buffer, 0, buffer.length);
        return buffer;
    }

    /** The JDK's SunJCE ARCFOUR through {@code Cipher.update}: the bundle's fallback. */
    @Benchmark
    public byte[] jdk() throws Exception {
        jdk.update(buffer, 0, buffer.length, buffer, 0);
        return buffer;
    }

    /** BouncyCastle's lightweight {@code RC4Engine}. */
    @Benchmark
    public byte[] bouncyCastle() {
        bc.processBytes(buffer, 0, buffer.length, buffer, 0);
        return buffer;
    }

    /** The textbook loop, for comparison. */
    @Benchmark
    public byte[] handWritten() {
        hand.apply(buffer, 0, buffer.length);
        return buffer;
    }
}
