package org.swarmsync.sync.internal.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads with names that say whose they are, for thread dumps. */
public final class Threads {

    /** How long a pool thread without work stays. */
    static final long IDLE_SECONDS = 30;

    private Threads() {
    }

    /** @return a factory of daemon threads named {@code prefix-N} */
    public static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * @return a pool of at most {@code size} daemon threads named {@code prefix-N}, tasks beyond
     *         them queued; threads idle for {@link #IDLE_SECONDS} end, so that a folder at rest
     *         keeps none of the many a large sync started
     */
    static ExecutorService pool(int size, String prefix) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), named(prefix));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
