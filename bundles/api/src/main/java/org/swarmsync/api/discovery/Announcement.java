package org.swarmsync.api.discovery;

import org.osgi.annotation.versioning.ConsumerType;

/** A running announcement of one share by one discovery source. */
@ConsumerType
public interface Announcement extends AutoCloseable {

    /** Announces again now and looks for peers, instead of waiting for the next interval. */
    void refresh();

    /** Stops announcing; no more peers are reported. Idempotent. */
    @Override
    void close();
}
