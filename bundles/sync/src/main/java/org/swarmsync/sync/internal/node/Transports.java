package org.swarmsync.sync.internal.node;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.swarmsync.api.transport.Connection;
import org.swarmsync.api.transport.Transport;

/**
 * The transports bound now, with their priorities. Bindings come and go at any time (a
 * bundle stopping is the hot swap); callers take a snapshot before each dial.
 */
final class Transports {

    private final Map<Transport, Integer> priorities = new ConcurrentHashMap<>();

    void add(Transport transport, Map<String, ?> properties) {
        Object priority = properties.get(Transport.PRIORITY);
        priorities.put(transport, priority instanceof Number n ? n.intValue() : 0);
    }

    void remove(Transport transport) {
        priorities.remove(transport);
    }

    /** @return the transports, most preferred first (ties broken by scheme, for stable order) */
    List<Transport> byPreference() {
        List<Transport> list = new ArrayList<>(priorities.keySet());
        list.sort(Comparator.comparing((Transport t) -> priorities.getOrDefault(t, 0)).reversed()
                .thenComparing(Transport::scheme));
        return list;
    }

    /**
     * Connects to a peer over the most preferred transport that answers. Transports are tried
     * in order of preference; each gets {@code headStart} to itself before the next one is
     * tried alongside it (at once if it fails), and the first to connect wins. Without the
     * head start, a peer whose preferred transport went away (its µTP bundle stopped, so its
     * UDP port is silent) would cost every redial the whole connect timeout before the next
     * transport is even tried. A connection that arrives after the winner is closed.
     *
     * @param failures receives one line per transport that failed, for the caller's message
     * @return the connection, or empty when every transport failed
     * @throws InterruptedIOException if the calling thread was interrupted
     */
    static Optional<Connection> connectFirst(List<Transport> order, InetSocketAddress peer,
            Duration timeout, Duration headStart, Executor executor, List<String> failures)
            throws InterruptedIOException {
        Attempts attempts = new Attempts();
        int next = 0;
        int pending = 0;
        try {
            while (next < order.size() || pending > 0) {
                if (pending == 0) {
                    pending += attempts.launch(order.get(next++), peer, timeout, executor, failures);
                    continue;
                }
                Attempt done = next < order.size()
                        ? attempts.results.poll(headStart.toNanos(), TimeUnit.NANOSECONDS)
                        : attempts.results.take(); // every connect is bounded by its own timeout
                if (done == null) { // the head start passed: try the next one alongside
                    pending += attempts.launch(order.get(next++), peer, timeout, executor, failures);
                    continue;
                }
                pending--;
                if (done.connection() != null) {
                    return Optional.of(done.connection());
                }
                failures.add(done.transport().scheme() + ": " + done.failure().getMessage());
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting to " + peer);
        } finally {
            attempts.decide();
        }
    }

    /** The outcome of one transport's connect: a connection or a failure. */
    private record Attempt(Transport transport, Connection connection, IOException failure) {
    }

    /** Connects running for one dial; once decided, late connections are closed, not kept. */
    private static final class Attempts {
        final BlockingQueue<Attempt> results = new LinkedBlockingQueue<>();
        private boolean decided;

        /** @return 1 if the attempt runs, 0 if it could not start (then it is counted as failed) */
        int launch(Transport transport, InetSocketAddress peer, Duration timeout, Executor executor,
                List<String> failures) {
            try {
                executor.execute(() -> finish(connect(transport, peer, timeout)));
                return 1;
            } catch (RejectedExecutionException e) {
                failures.add(transport.scheme() + ": the node is stopping");
                return 0;
            }
        }

        private static Attempt connect(Transport transport, InetSocketAddress peer, Duration timeout) {
            try {
                return new Attempt(transport, transport.connect(peer, timeout), null);
            } catch (IOException e) {
                return new Attempt(transport, null, e);
            } catch (RuntimeException e) { // a third party's transport may throw anything
                return new Attempt(transport, null, new IOException(e.toString(), e));
            }
        }

        private synchronized void finish(Attempt attempt) {
            if (decided) {
                closeQuietly(attempt.connection());
            } else {
                results.add(attempt);
            }
        }

        /** The dial is over: what was connected but not taken is closed, now or when it arrives. */
        synchronized void decide() {
            decided = true;
            for (Attempt left; (left = results.poll()) != null; ) {
                closeQuietly(left.connection());
            }
        }

        private static void closeQuietly(Connection connection) {
            if (connection == null) {
                return;
            }
            try {
                connection.close();
            } catch (IOException e) {
                // it is going away either way
            }
        }
    }
}
