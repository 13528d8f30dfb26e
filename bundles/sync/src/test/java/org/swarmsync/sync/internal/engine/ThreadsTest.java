package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;

/** The folder's worker pools: bounded, named daemon threads that end when idle. */
public class ThreadsTest {

    @Test
    public void aPoolRunsAtMostItsSizeAtOnceOnNamedDaemonsThatEndWhenIdle() throws Exception {
        ExecutorService pool = Threads.pool(2, "swarmsync-fetch f");
        try {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch twoStarted = new CountDownLatch(2);
            AtomicInteger started = new AtomicInteger();
            Set<String> names = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < 3; i++) {
                pool.execute(() -> {
                    started.incrementAndGet();
                    names.add(Thread.currentThread().getName() + (Thread.currentThread().isDaemon() ? " daemon" : ""));
                    twoStarted.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertTrue(twoStarted.await(10, TimeUnit.SECONDS));
            Thread.sleep(200);
            assertEquals("the third task waits for a thread", 2, started.get());
            release.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            assertEquals(3, started.get());
            assertEquals(Set.of("swarmsync-fetch f-1 daemon", "swarmsync-fetch f-2 daemon"), names);
            ThreadPoolExecutor executor = (ThreadPoolExecutor) pool;
            assertTrue(executor.allowsCoreThreadTimeOut());
            assertEquals(Threads.IDLE_SECONDS, executor.getKeepAliveTime(TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }
}
