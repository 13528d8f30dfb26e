package org.swarmsync.bench.bencode;

import bt.bencoding.types.BEMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;
import org.swarmsync.codec.bencode.BValue;
import org.swarmsync.codec.bencode.Bencode;

/**
 * Decoding the same bytes with each library, to its natural model; and decoding then reading
 * every value ({@code ...Walk}), since our byte strings are views whose cost could hide in use.
 * Throughput in operations (messages) per second; MB/s = ops/s × message size / 10^6.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar 'bencode.BencodeDecodeBenchmark'}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BencodeDecodeBenchmark {

    /** Which message of the mix; see {@link Messages}. */
    @Param({"lanPing", "trackerReply5", "trackerReply50", "fileIndex10k"})
    public String message;

    private byte[] input;
    private com.dampcake.bencode.Bencode dampcake;

    /** Builds the message, encodes it once, and checks that every library reads it alike. */
    @Setup
    public void setUp() {
        BValue value = Messages.build(message);
        input = value.encode();
        Rivals.verify(value, input);
        dampcake = Rivals.dampcake();
        long ours = swarmsyncWalk();
        if (ours != dampcakeWalk() || ours != btBencodingWalk()) {
            throw new IllegalStateException("the libraries read different values");
        }
        System.out.println("\n" + message + ": " + input.length + " bytes");
    }

    /** swarmsync, strict decoding with default limits. */
    @Benchmark
    public BValue swarmsync() {
        return Bencode.decode(input);
    }

    /** com.dampcake:bencode. */
    @Benchmark
    public Map<String, Object> dampcake() {
        return Rivals.dampcakeDecode(dampcake, input);
    }

    /** com.github.atomashpolskiy:bt-bencoding. */
    @Benchmark
    public BEMap btBencoding() {
        return Rivals.btDecode(input);
    }

    /** swarmsync, decode then read every value. */
    @Benchmark
    public long swarmsyncWalk() {
        return Rivals.walkSwarmsync(Bencode.decode(input));
    }

    /** com.dampcake:bencode, decode then read every value. */
    @Benchmark
    public long dampcakeWalk() {
        return Rivals.walkDampcake(Rivals.dampcakeDecode(dampcake, input));
    }

    /** com.github.atomashpolskiy:bt-bencoding, decode then read every value. */
    @Benchmark
    public long btBencodingWalk() {
        return Rivals.walkBt(Rivals.btDecode(input));
    }
}
