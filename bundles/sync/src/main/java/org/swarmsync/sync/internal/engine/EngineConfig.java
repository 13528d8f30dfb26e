package org.swarmsync.sync.internal.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.session.SessionTimings;

/**
 * The settings of one folder's engine.
 *
 * @param rescanInterval time between full rescans (the watcher is only a hint); also how
 *        often the puller retries what failed without a newer index
 * @param watch whether to watch the folder for changes between rescans
 * @param watchQuiet how long the folder must be quiet before the watcher reports a batch
 * @param watchMaxDelay the longest a change waits while others keep coming
 * @param hashThreads scanner hashing threads
 * @param parallelFiles files downloaded at once
 * @param inFlightBytesPerFile most requested and unanswered bytes per file; together with the
 *        session's budget (256 requests, 64 MiB per peer) this is the download pipeline
 * @param servingThreads threads reading and verifying blocks that peers request
 * @param checkpointBytes bytes downloaded into a file between two saves of its resume state
 * @param timings the sessions' clocks
 * @param clientName the client name in our hello, at most 64 UTF-8 bytes
 * @param ignored paths not to sync
 * @param archiveRetention how long files replaced or deleted by peers stay in the archive;
 *        zero keeps them for ever
 */
public record EngineConfig(Duration rescanInterval, boolean watch, Duration watchQuiet, Duration watchMaxDelay,
        int hashThreads, int parallelFiles, long inFlightBytesPerFile, int servingThreads, long checkpointBytes,
        SessionTimings timings, String clientName, Predicate<RelativePath> ignored, Duration archiveRetention) {

    /**
     * Keep the archive 30 days, rescan every 60 s, watch with a 200 ms quiet period, 64 files at
     * once, 16 MiB in flight per file. Many files at once hide the per-file {@code fsync} waits:
     * 10,000 small files took a median 10.9 s with 32 against 11.9 with 16 (twelve pairs,
     * bench/README.md "Seventh session"), and 8.5 s with 64 against 9.3 with 32 (ten pairs,
     * "Eighth session"; 128 was no faster). 16 MiB per file keeps what many large downloads at
     * once may hold within the session's own budget of 64 MiB per peer (a 1 GiB file goes as
     * fast with 8 MiB in flight).
     */
    public static final EngineConfig DEFAULTS = new EngineConfig(Duration.ofSeconds(60), true, Duration.ofMillis(200),
            Duration.ofSeconds(2), 2, 64, 16L << 20, 4, 64L << 20, SessionTimings.DEFAULTS, "swarmsync 0.1",
            path -> false, Duration.ofDays(30));

    /** Checks ranges. */
    public EngineConfig {
        Objects.requireNonNull(rescanInterval, "rescanInterval");
        Objects.requireNonNull(watchQuiet, "watchQuiet");
        Objects.requireNonNull(watchMaxDelay, "watchMaxDelay");
        Objects.requireNonNull(timings, "timings");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(ignored, "ignored");
        Objects.requireNonNull(archiveRetention, "archiveRetention");
        if (archiveRetention.isNegative()) {
            throw new IllegalArgumentException("archiveRetention must not be negative: " + archiveRetention);
        }
        if (rescanInterval.isNegative() || rescanInterval.isZero()) {
            throw new IllegalArgumentException("rescanInterval must be positive: " + rescanInterval);
        }
        if (hashThreads < 1 || parallelFiles < 1 || servingThreads < 1) {
            throw new IllegalArgumentException("thread counts must be at least 1");
        }
        if (inFlightBytesPerFile < 1 || checkpointBytes < 1) {
            throw new IllegalArgumentException("inFlightBytesPerFile and checkpointBytes must be positive");
        }
    }

    /** @return these settings with another rescan interval */
    public EngineConfig withRescanInterval(Duration interval) {
        return new EngineConfig(interval, watch, watchQuiet, watchMaxDelay, hashThreads, parallelFiles,
                inFlightBytesPerFile, servingThreads, checkpointBytes, timings, clientName, ignored, archiveRetention);
    }

    /** @return these settings with the watcher on or off and another quiet period */
    public EngineConfig withWatch(boolean on, Duration quiet) {
        return new EngineConfig(rescanInterval, on, quiet, watchMaxDelay, hashThreads, parallelFiles,
                inFlightBytesPerFile, servingThreads, checkpointBytes, timings, clientName, ignored, archiveRetention);
    }

    /** @return these settings with other session clocks */
    public EngineConfig withTimings(SessionTimings other) {
        return new EngineConfig(rescanInterval, watch, watchQuiet, watchMaxDelay, hashThreads, parallelFiles,
                inFlightBytesPerFile, servingThreads, checkpointBytes, other, clientName, ignored, archiveRetention);
    }

    /** @return these settings with another limit of requested, unanswered bytes per file */
    public EngineConfig withInFlightBytesPerFile(long bytes) {
        return new EngineConfig(rescanInterval, watch, watchQuiet, watchMaxDelay, hashThreads, parallelFiles, bytes,
                servingThreads, checkpointBytes, timings, clientName, ignored, archiveRetention);
    }

    /** @return these settings with another number of files downloaded at once */
    public EngineConfig withParallelFiles(int files) {
        return new EngineConfig(rescanInterval, watch, watchQuiet, watchMaxDelay, hashThreads, files,
                inFlightBytesPerFile, servingThreads, checkpointBytes, timings, clientName, ignored, archiveRetention);
    }

    /** @return these settings with another archive retention (zero: for ever) */
    public EngineConfig withArchiveRetention(Duration retention) {
        return new EngineConfig(rescanInterval, watch, watchQuiet, watchMaxDelay, hashThreads, parallelFiles,
                inFlightBytesPerFile, servingThreads, checkpointBytes, timings, clientName, ignored, retention);
    }
}
