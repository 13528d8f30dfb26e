package org.swarmsync.sync.internal.protocol;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.Test;
import org.swarmsync.codec.bencode.BDict;
import org.swarmsync.codec.bencode.BList;
import org.swarmsync.codec.bencode.Bencode;

/** Every way a hostile or broken peer can get a message wrong ends in a ProtocolException naming it. */
public class MalformedMessageTest {

    static String rejection(byte[] body) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> MessageCodec.decode(ByteBuffer.wrap(body)));
        return e.getMessage();
    }

    static String rejection(BDict dict) {
        return rejection(Bencode.encode(dict));
    }

    static void assertRejected(BDict dict, String expected) {
        String message = rejection(dict);
        assertTrue("expected \"" + expected + "\" in: " + message, message.contains(expected));
    }

    private static BDict.Builder valid(Message message) {
        return Bencode.decode(MessageCodec.encodeToArray(message)).asDict().toBuilder();
    }

    private static BDict hello(long version) {
        return valid(new Hello(1, org.swarmsync.api.discovery.PeerId.of(new byte[20]), 1, new byte[32], "x",
                org.swarmsync.api.secrets.Access.READ_ONLY)).remove("v").put("v", version).build();
    }

    @Test
    public void bodyMustBeOneCanonicalDictionary() {
        assertEquals("frame is a list, not a dictionary", rejection("le".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(rejection("i1e".getBytes(StandardCharsets.US_ASCII)).contains("not a dictionary"));
        assertTrue(rejection("d1:t4:ping".getBytes(StandardCharsets.US_ASCII)).startsWith("frame is not canonical bencode"));
        // keys out of order
        assertTrue(rejection("d1:t4:ping1:ai1ee".getBytes(StandardCharsets.US_ASCII)).startsWith("frame is not canonical"));
        // trailing bytes after the dictionary
        assertTrue(rejection("d1:t4:pingexx".getBytes(StandardCharsets.US_ASCII)).startsWith("frame is not canonical"));
        // leading zero
        assertTrue(rejection("d5:sincei05e1:t4:wante".getBytes(StandardCharsets.US_ASCII)).startsWith("frame is not canonical"));
    }

    @Test
    public void typeMustBeKnown() {
        assertEquals("message without a type \"t\"", rejection(BDict.builder().put("since", 1).build()));
        assertEquals("message type \"t\" is not a byte string", rejection(BDict.builder().put("t", 1).build()));
        assertEquals("unknown message type \"gossip\"", rejection(BDict.builder().putUtf8("t", "gossip").build()));
        assertEquals("unknown message type (not printable ASCII)",
                rejection(BDict.builder().put("t", new byte[] {'p', 0, 'x'}).build()));
    }

    @Test
    public void keysMustBePresentAndOfTheRightType() {
        assertRejected(BDict.builder().putUtf8("t", "want").build(), "want: missing key \"since\"");
        assertRejected(BDict.builder().putUtf8("t", "want").putUtf8("since", "5").build(),
                "want: key \"since\": expected integer, found byte string");
        assertRejected(BDict.builder().putUtf8("t", "want").put("since", -1).build(), "want: key \"since\": expected an integer in [0");
        assertRejected(valid(new Close("x")).remove("reason").put("reason", new byte[] {(byte) 0xff}).build(),
                "close: key \"reason\" is not valid UTF-8");
        assertRejected(valid(new Close("x")).remove("reason").putUtf8("reason", "r".repeat(257)).build(),
                "close: key \"reason\" is 257 bytes, more than 256");
    }

    @Test
    public void helloOfAnotherVersionIsRefusedBeforeAnythingElse() {
        assertEquals("hello: unsupported version 2 (this peer speaks 1)",
                rejection(BDict.builder().putUtf8("t", "hello").put("v", 2).put("shape", BList.EMPTY).build()));
        assertRejected(hello(0), "unsupported version 0");
    }

    @Test
    public void helloFieldsAreChecked() {
        BDict ok = hello(1);
        assertRejected(ok.toBuilder().remove("peer").put("peer", new byte[19]).build(),
                "hello: key \"peer\": expected a byte string of 20 bytes, found 19 bytes");
        assertRejected(ok.toBuilder().remove("nonce").put("nonce", new byte[31]).build(), "key \"nonce\": expected a byte string of 32");
        assertRejected(ok.toBuilder().remove("device").put("device", new byte[4]).build(), "key \"device\": expected a byte string of 8");
        assertRejected(ok.toBuilder().remove("name").putUtf8("name", "n".repeat(65)).build(),
                "hello: key \"name\" is 65 bytes, more than 64");
        assertRejected(ok.toBuilder().remove("access").putUtf8("access", "admin").build(),
                "hello: key \"access\" is neither \"rw\" nor \"ro\"");
    }

    @Test
    public void authProofsAre32Bytes() {
        BDict.Builder auth = BDict.builder().putUtf8("t", "auth").put("ro", new byte[32]);
        assertRejected(auth.put("rw", new byte[33]).build(), "auth: key \"rw\": expected a byte string of 32 bytes, found 33");
        assertRejected(BDict.builder().putUtf8("t", "auth").build(), "auth: missing key \"ro\"");
    }

    @Test
    public void requestsAreChecked() {
        BDict ok = valid(new BlockRequest(1, org.swarmsync.sync.internal.model.RelativePath.of("a"), 0, 10,
                org.swarmsync.sync.internal.model.Hash256.wrap(new byte[32]))).build();
        assertRejected(ok.toBuilder().remove("length").put("length", 0).build(), "request: key \"length\": expected an integer in [1, 16777216], found 0");
        assertRejected(ok.toBuilder().remove("length").put("length", (1 << 24) + 1).build(), "key \"length\": expected an integer in [1, 16777216]");
        assertRejected(ok.toBuilder().remove("offset").put("offset", -1).build(), "key \"offset\": expected an integer in [0,");
        assertRejected(ok.toBuilder().remove("offset").put("offset", 1L << 50).build(), "key \"offset\"");
        assertRejected(ok.toBuilder().remove("id").put("id", -3).build(), "key \"id\"");
        assertRejected(ok.toBuilder().remove("path").putUtf8("path", "a/../../etc/passwd").build(), "request: path has a '..' segment");
        assertRejected(ok.toBuilder().remove("path").putUtf8("path", "/etc/passwd").build(), "request: path is absolute");
        assertRejected(ok.toBuilder().remove("path").putUtf8("path", "a\0b").build(), "request: path has a NUL character");
        assertRejected(ok.toBuilder().remove("path").putUtf8("path", "a\\b").build(), "request: path has a backslash");
        assertRejected(ok.toBuilder().remove("path").putUtf8("path", "a//b").build(), "request: path has an empty segment");
        assertRejected(ok.toBuilder().remove("path").putUtf8("path", "p".repeat(4097)).build(), "request: key \"path\" is 4097 bytes, more than 4096");
        assertRejected(ok.toBuilder().remove("hash").put("hash", new byte[20]).build(), "key \"hash\": expected a byte string of 32 bytes");
    }

    @Test
    public void blocksCarryDataOrErrorNotBoth() {
        BDict.Builder block = BDict.builder().putUtf8("t", "block").put("id", 1);
        assertRejected(block.build(), "block: neither data nor error");
        assertRejected(block.put("data", new byte[1]).putUtf8("error", "gone").build(), "block: both data and error");
        assertRejected(BDict.builder().putUtf8("t", "block").put("id", 1).putUtf8("error", "e".repeat(300)).build(),
                "block: key \"error\" is 300 bytes, more than 256");
        assertRejected(BDict.builder().putUtf8("t", "block").put("data", new byte[1]).build(), "block: missing key \"id\"");
    }

    @Test
    public void blockDataOver16MiBIsRefused() {
        byte[] big = new byte[Limits.MAX_BLOCK_LENGTH + 1];
        assertRejected(BDict.builder().putUtf8("t", "block").put("id", 1).put("data", big).build(),
                "block: data of 16777217 bytes, more than 16777216");
    }

    @Test
    public void deepNestingIsRefusedByTheDecoderLimits() {
        String deep = "d1:t4:ping1:z" + "l".repeat(40) + "e".repeat(40) + "e";
        assertTrue(rejection(deep.getBytes(StandardCharsets.US_ASCII)).startsWith("frame is not canonical bencode"));
    }
}
