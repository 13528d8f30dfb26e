package org.swarmsync.bench.bencode;

import bt.bencoding.model.BEObject;
import bt.bencoding.serializers.BEParser;
import bt.bencoding.types.BEInteger;
import bt.bencoding.types.BEList;
import bt.bencoding.types.BEMap;
import bt.bencoding.types.BEString;
import com.dampcake.bencode.Bencode;
import com.dampcake.bencode.Type;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.swarmsync.codec.bencode.BBytes;
import org.swarmsync.codec.bencode.BDict;
import org.swarmsync.codec.bencode.BInteger;
import org.swarmsync.codec.bencode.BList;
import org.swarmsync.codec.bencode.BValue;

/**
 * The rival libraries, each set up as favourably as its API allows, and checks that each
 * reproduces the exact bytes (so all do the same work).
 *
 * <p>dampcake/bencode: {@code useBytes} keeps string values as bytes ({@code ByteBuffer}) rather
 * than decoding them as text, and ISO-8859-1 makes its String keys a cheap, lossless one byte per
 * char (its default UTF-8 is slower). atomashpolskiy/bt-bencoding: {@code BEParser} over the
 * array, its only in-memory entry point.
 */
final class Rivals {

    private Rivals() {
    }

    static Bencode dampcake() {
        return new Bencode(StandardCharsets.ISO_8859_1, true);
    }

    static Map<String, Object> dampcakeDecode(Bencode dampcake, byte[] input) {
        return dampcake.decode(input, Type.DICTIONARY);
    }

    static BEMap btDecode(byte[] input) {
        try (BEParser parser = new BEParser(input)) {
            return parser.readMap();
        }
    }

    static byte[] btEncode(BEMap map) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            map.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The dampcake model a sender would build: insertion-ordered maps, byte[] strings, Long integers. */
    static Object toDampcake(BValue v) {
        if (v instanceof BBytes b) {
            return b.toByteArray();
        }
        if (v instanceof BInteger i) {
            return i.value();
        }
        if (v instanceof BList l) {
            List<Object> out = new ArrayList<>(l.size());
            for (BValue e : l) {
                out.add(toDampcake(e));
            }
            return out;
        }
        BDict d = (BDict) v;
        Map<String, Object> out = new LinkedHashMap<>();
        d.forEach((k, val) -> out.put(k.ascii(), toDampcake(val)));
        return out;
    }

    /** The bt model a sender would build with its public constructors. */
    static BEObject<?> toBt(BValue v) {
        if (v instanceof BBytes b) {
            return new BEString(b.toByteArray());
        }
        if (v instanceof BInteger i) {
            return new BEInteger(i.value());
        }
        if (v instanceof BList l) {
            List<BEObject<?>> out = new ArrayList<>(l.size());
            for (BValue e : l) {
                out.add(toBt(e));
            }
            return new BEList(out);
        }
        BDict d = (BDict) v;
        Map<String, BEObject<?>> out = new LinkedHashMap<>();
        d.forEach((k, val) -> out.put(k.ascii(), toBt(val)));
        return new BEMap(out);
    }

    /** Fails unless every library decodes and re-encodes {@code input} to the same bytes. */
    @SuppressWarnings("unchecked")
    static void verify(BValue ours, byte[] input) {
        check("swarmsync", input, org.swarmsync.codec.bencode.Bencode.decode(input).encode());
        Bencode dampcake = dampcake();
        check("dampcake decode", input, dampcake.encode(dampcakeDecode(dampcake, input)));
        check("dampcake encode", input, dampcake.encode((Map<String, Object>) toDampcake(ours)));
        check("bt decode", input, btEncode(btDecode(input)));
        check("bt encode", input, btEncode((BEMap) toBt(ours)));
    }

    private static void check(String what, byte[] expected, byte[] actual) {
        if (!Arrays.equals(expected, actual)) {
            throw new IllegalStateException(what + " does not reproduce the input (" + actual.length
                    + " vs " + expected.length + " bytes)");
        }
    }

    /** Reads every value of a decoded dampcake model, as a consumer would. */
    static long walkDampcake(Object o) {
        if (o instanceof ByteBuffer b) {
            return b.remaining() + (b.hasRemaining() ? b.get(b.position()) : 0);
        }
        if (o instanceof Long n) {
            return n;
        }
        long sum = 0;
        if (o instanceof List<?> l) {
            for (Object e : l) {
                sum += walkDampcake(e);
            }
            return sum;
        }
        for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
            sum += ((String) e.getKey()).length() + walkDampcake(e.getValue());
        }
        return sum;
    }

    /** Reads every value of a decoded bt model, as a consumer would. */
    static long walkBt(BEObject<?> o) {
        if (o instanceof BEString s) {
            byte[] b = s.getValue();
            return b.length + (b.length > 0 ? b[0] : 0);
        }
        if (o instanceof BEInteger n) {
            return n.getValue().longValue();
        }
        long sum = 0;
        if (o instanceof BEList l) {
            for (BEObject<?> e : l.getValue()) {
                sum += walkBt(e);
            }
            return sum;
        }
        for (Map.Entry<String, BEObject<?>> e : ((BEMap) o).getValue().entrySet()) {
            sum += e.getKey().length() + walkBt(e.getValue());
        }
        return sum;
    }

    /** Reads every value of a decoded swarmsync value, as a consumer would. */
    static long walkSwarmsync(BValue v) {
        if (v instanceof BBytes b) {
            return b.length() + (b.length() > 0 ? b.byteAt(0) : 0);
        }
        if (v instanceof BInteger i) {
            return i.value();
        }
        long sum = 0;
        if (v instanceof BList l) {
            for (int i = 0, n = l.size(); i < n; i++) {
                sum += walkSwarmsync(l.get(i));
            }
            return sum;
        }
        BDict d = (BDict) v;
        for (int i = 0, n = d.size(); i < n; i++) {
            sum += d.keyAt(i).length() + walkSwarmsync(d.valueAt(i));
        }
        return sum;
    }
}
