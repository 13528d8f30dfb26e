package org.swarmsync.transport.utp.internal.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * A fake clock and an in-memory network of µTP endpoints. Each datagram is independently lost,
 * duplicated or delayed extra (reordered) with the configured probabilities, seeded, so a run
 * is reproducible. Time only moves when nothing is left to do at the current instant.
 */
final class SimNetwork {

    long now = 5_000_000_000L;
    final SplittableRandom rnd;
    double loss;
    double duplicate;
    double reorder;
    long delayMicros = 5_000;
    long jitterMicros = 200;
    long reorderMicros = 15_000;
    long datagramsSent;
    long datagramsLost;

    private final PriorityQueue<Delivery> queue = new PriorityQueue<>();
    private final Map<InetSocketAddress, Node> byAddress = new HashMap<>();
    final List<Node> nodes = new ArrayList<>();
    private final List<StreamPump> pumps = new ArrayList<>();
    private long order;
    private final Map<List<Long>, Long> lastArrival = new HashMap<>();

    SimNetwork(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    SimNetwork lossy(double p) {
        loss = p;
        duplicate = p;
        reorder = p;
        return this;
    }

    Node node(String host, int port, UtpConfig cfg) {
        return node(host, port, cfg, 0);
    }

    /** A node offering datagrams up to {@code largeDatagram} bytes to every peer (0: standard sizes). */
    Node node(String host, int port, UtpConfig cfg, int largeDatagram) {
        InetSocketAddress a = new InetSocketAddress(host, port);
        Node n = new Node(a, cfg, rnd.split(), largeDatagram);
        byAddress.put(a, n);
        nodes.add(n);
        return n;
    }

    void addPump(StreamPump p) {
        pumps.add(p);
    }

    /** One endpoint on the network. */
    final class Node implements DatagramOutput {
        final InetSocketAddress address;
        final UtpEndpoint endpoint;
        private final ByteBuffer scratch = ByteBuffer.allocate(MAX_DATAGRAM);
        boolean down;
        /** Datagrams the endpoint said were not µTP. */
        int foreign;
        /** Received datagram buffers the core kept, and handed back. */
        long kept;
        long released;

        Node(InetSocketAddress address, UtpConfig cfg, SplittableRandom random, int largeDatagram) {
            this.address = address;
            this.endpoint = new UtpEndpoint(cfg, this, random, r -> largeDatagram);
            // every delivery wraps a fresh array, so the core may always keep it
            endpoint.setDatagramKeeper(new DatagramKeeper() {
                @Override
                public boolean keep(ByteBuffer datagram) {
                    kept++;
                    return true;
                }

                @Override
                public void release(ByteBuffer datagram) {
                    released++;
                }
            });
        }

        @Override
        public ByteBuffer acquire() {
            scratch.clear();
            return scratch;
        }

        @Override
        public void send(ByteBuffer datagram, InetSocketAddress to) {
            transmit(this, datagram, to);
        }

        @Override
        public void sendView(ByteBuffer view, InetSocketAddress to) {
            transmit(this, view, to);
        }

        /** Injects a datagram as if it arrived from {@code from} now. */
        boolean inject(byte[] datagram, InetSocketAddress from) {
            boolean utp = endpoint.onDatagram(ByteBuffer.wrap(datagram), from, now);
            if (!utp) {
                foreign++;
            }
            endpoint.flush(now);
            return utp;
        }
    }

    boolean trace;

    private void transmit(Node from, ByteBuffer datagram, InetSocketAddress to) {
        datagramsSent++;
        if (trace) {
            InboundPacket p = new InboundPacket();
            p.parse(datagram.duplicate());
            System.out.println((now / 1000) + "ms " + from.address + " -> " + to + " " + p);
        }
        Node dst = byAddress.get(to);
        byte[] copy = new byte[datagram.remaining()];
        datagram.get(copy);
        if (dst == null || dst.down || from.down || rnd.nextDouble() < loss) {
            datagramsLost++;
            return;
        }
        long t = now + delayMicros + (jitterMicros > 0 ? rnd.nextLong(jitterMicros) : 0);
        // a link keeps order (jitter never overtakes), except for the packets picked to be reordered
        List<Long> key = List.of((long) from.address.hashCode(), (long) to.hashCode());
        t = Math.max(t, lastArrival.getOrDefault(key, 0L));
        lastArrival.put(key, t);
        if (rnd.nextDouble() < reorder) {
            t += 1 + rnd.nextLong(reorderMicros);
        }
        queue.add(new Delivery(t, order++, dst, from.address, copy));
        if (rnd.nextDouble() < duplicate) {
            queue.add(new Delivery(t + 1 + rnd.nextLong(delayMicros), order++, dst, from.address, copy));
        }
    }

    /** Runs until {@code done} holds; fails if the fake clock passes {@code maxMicros} from now. */
    void runUntil(BooleanSupplier done, long maxMicros) {
        long limit = now + maxMicros;
        pumpAll();
        while (!done.getAsBoolean()) {
            long next = queue.isEmpty() ? Long.MAX_VALUE : queue.peek().time;
            for (Node n : nodes) {
                if (!n.down) {
                    next = Math.min(next, n.endpoint.nextDeadline());
                }
            }
            if (next == Long.MAX_VALUE) {
                throw new AssertionError("simulation idle before the condition held");
            }
            if (next > limit) {
                throw new AssertionError("condition not reached within " + maxMicros + " µs of fake time");
            }
            now = Math.max(now, next);
            while (!queue.isEmpty() && queue.peek().time <= now) {
                Delivery d = queue.poll();
                if (!d.to.down && !d.to.endpoint.onDatagram(ByteBuffer.wrap(d.data), d.from, now)) {
                    d.to.foreign++;
                }
                // deliveries at distinct instants each drain the socket: flush (send ACKs) after each
                if (queue.isEmpty() || queue.peek().time > now || queue.peek().to != d.to) {
                    d.to.endpoint.flush(now);
                }
            }
            for (Node n : nodes) {
                if (!n.down && n.endpoint.nextDeadline() <= now) {
                    n.endpoint.onTimer(now);
                    n.endpoint.flush(now);
                }
            }
            pumpAll();
        }
    }

    /** Advances the fake clock by {@code micros}, processing everything on the way. */
    void runFor(long micros) {
        long end = now + micros;
        try {
            runUntil(() -> now >= end && (queue.isEmpty() || queue.peek().time > end), micros + 1);
        } catch (AssertionError idle) {
            now = end;
        }
    }

    private void pumpAll() {
        boolean any = false;
        for (StreamPump p : pumps) {
            if (p.wantsPump()) {
                p.pump();
                any = true;
            }
        }
        if (any) {
            for (Node n : nodes) {
                if (!n.down) {
                    n.endpoint.flush(now);
                }
            }
        }
    }

    private record Delivery(long time, long order, Node to, InetSocketAddress from, byte[] data)
            implements Comparable<Delivery> {
        @Override
        public int compareTo(Delivery o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }
}
