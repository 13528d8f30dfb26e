package org.swarmsync.sync.internal.session;

import java.io.IOException;

/** The session ended; the operation was not carried out. Outstanding requests fail with this. */
public class SessionClosedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient SessionEnd end;

    /** @param end why the session ended */
    public SessionClosedException(SessionEnd end) {
        super("session closed (" + end + ")");
        this.end = end;
    }

    /** @return why the session ended */
    public SessionEnd end() {
        return end;
    }
}
