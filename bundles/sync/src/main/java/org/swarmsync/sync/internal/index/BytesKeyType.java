package org.swarmsync.sync.internal.index;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * Byte-array map keys ordered unsigned-lexicographically, a prefix before its extensions,
 * so that all keys starting with one block hash lie together. (MVStore's own byte-array
 * type cannot compare.)
 */
final class BytesKeyType extends BasicDataType<byte[]> {

    static final BytesKeyType INSTANCE = new BytesKeyType();

    private BytesKeyType() {
    }

    @Override
    public int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    @Override
    public int getMemory(byte[] key) {
        return 24 + key.length;
    }

    @Override
    public void write(WriteBuffer buffer, byte[] key) {
        buffer.putVarInt(key.length).put(key);
    }

    @Override
    public byte[] read(ByteBuffer buffer) {
        byte[] key = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(key);
        return key;
    }

    @Override
    public byte[][] createStorage(int size) {
        return new byte[size][];
    }
}
