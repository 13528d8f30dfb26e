package org.swarmsync.api.crypto;

import java.util.Collection;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The shared keys a responder serves on one listening port, one per share (the share hash)
 * or per torrent (the info-hash). The initiator names its key only by a one-way hash; the
 * provider tests each key of the ring against it, so one port serves any number of them.
 */
@ConsumerType
@FunctionalInterface
public interface KeyRing {

    /**
     * Called once per handshake, when the peer's key hash has arrived, so keys added or
     * removed meanwhile take effect for the next handshake.
     *
     * @return the keys served now; the provider only reads them
     */
    Collection<byte[]> keys();

    /**
     * @param keys a fixed set of keys; each array is copied
     * @return a ring that always serves these keys
     */
    static KeyRing of(Collection<byte[]> keys) {
        List<byte[]> copy = keys.stream().map(byte[]::clone).toList();
        return () -> copy;
    }

    /**
     * @param keys a fixed set of keys; each array is copied
     * @return a ring that always serves these keys
     */
    static KeyRing of(byte[]... keys) {
        return of(List.of(keys));
    }
}
