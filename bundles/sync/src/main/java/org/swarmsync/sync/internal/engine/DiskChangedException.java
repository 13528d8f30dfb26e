package org.swarmsync.sync.internal.engine;

import java.io.IOException;

/**
 * What is on the disk is not what the index says we have there: the user changed it since the
 * last scan. Nothing is overwritten; the path is rescanned and tried again.
 */
final class DiskChangedException extends IOException {

    private static final long serialVersionUID = 1L;

    DiskChangedException(String message) {
        super(message);
    }
}
