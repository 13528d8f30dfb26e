package org.swarmsync.sync.internal.session;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * What every session of one folder shares: who we are, the folder's keys, the clocks and the
 * threads. The per-connection parts (role, binding) go to {@link PeerSession#start}.
 *
 * @param local who we are
 * @param keys the folder's authentication keys
 * @param timings the session's clocks
 * @param threads makes each session's reader thread
 * @param scheduler runs each session's watchdog and the cut-off after a close; its tasks never
 *        block, so one scheduler thread serves every session
 */
public record SessionConfig(LocalPeer local, AuthKeys keys, SessionTimings timings, ThreadFactory threads,
        ScheduledExecutorService scheduler) {

    /** Checks for nulls. */
    public SessionConfig {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(timings, "timings");
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(scheduler, "scheduler");
    }
}
