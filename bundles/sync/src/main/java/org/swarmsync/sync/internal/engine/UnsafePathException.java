package org.swarmsync.sync.internal.engine;

import java.io.IOException;

/** A directory on the way to a path is a link, or not a directory: we never write or read through it. */
final class UnsafePathException extends IOException {

    private static final long serialVersionUID = 1L;

    UnsafePathException(String message) {
        super(message);
    }
}
