package org.swarmsync.transport.utp.internal;

import org.swarmsync.transport.utp.internal.core.UtpConfig;

/**
 * Settings of one UDP port running µTP.
 *
 * @param core the engine's settings
 * @param socketBufferBytes SO_RCVBUF and SO_SNDBUF to request; the kernel may grant less
 *        (Linux caps them at net.core.rmem_max / wmem_max)
 * @param largeDatagrams whether to offer large datagrams (extension 0x53) to loopback peers
 */
public record StackOptions(UtpConfig core, int socketBufferBytes, boolean largeDatagrams) {

    /** @return the defaults: 8 MiB socket buffers, large datagrams on loopback */
    public static StackOptions defaults() {
        return new StackOptions(UtpConfig.defaults(), 8 << 20, true);
    }
}
