package org.swarmsync.transport.utp.internal.core;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Builds raw µTP datagrams byte by byte, and captures what an endpoint sends. */
final class Raw {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<int[]> extensions = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();
    private final int type;
    private final int connId;
    private int seq;
    private int ack;
    private int wnd = 1 << 20;
    private int ts = 123_456;
    private int tsDiff;
    private byte[] payload = new byte[0];

    private Raw(int type, int connId) {
        this.type = type;
        this.connId = connId;
    }

    static Raw of(int type, int connId) {
        return new Raw(type, connId);
    }

    Raw seq(int v) { seq = v; return this; }
    Raw ack(int v) { ack = v; return this; }
    Raw wnd(int v) { wnd = v; return this; }
    Raw ts(int v) { ts = v; return this; }
    Raw tsDiff(int v) { tsDiff = v; return this; }
    Raw payload(byte[] v) { payload = v; return this; }

    Raw ext(int extType, byte... body) {
        extensions.add(new int[] {extType});
        bodies.add(body);
        return this;
    }

    byte[] build() {
        ByteBuffer b = ByteBuffer.allocate(65_536);
        UtpHeader.put(b, type, extensions.isEmpty() ? 0 : extensions.get(0)[0], connId, ts, tsDiff, wnd, seq, ack);
        for (int i = 0; i < extensions.size(); i++) {
            int next = i + 1 < extensions.size() ? extensions.get(i + 1)[0] : 0;
            b.put((byte) next);
            b.put((byte) bodies.get(i).length);
            b.put(bodies.get(i));
        }
        b.put(payload);
        b.flip();
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    static InboundPacket parse(byte[] datagram) {
        InboundPacket p = new InboundPacket();
        DropReason r = p.parse(ByteBuffer.wrap(datagram));
        if (r != null) {
            throw new AssertionError("unparseable: " + r);
        }
        return p;
    }

    /** One sent datagram. */
    record Sent(byte[] data, InetSocketAddress to) {
        InboundPacket packet() {
            return parse(data);
        }
    }

    /** An output that records every datagram. */
    static final class Capture implements DatagramOutput {
        final List<Sent> sent = new ArrayList<>();
        private final ByteBuffer scratch = ByteBuffer.allocate(MAX_DATAGRAM);

        @Override
        public ByteBuffer acquire() {
            scratch.clear();
            return scratch;
        }

        @Override
        public void send(ByteBuffer datagram, InetSocketAddress to) {
            byte[] a = new byte[datagram.remaining()];
            datagram.get(a);
            sent.add(new Sent(a, to));
        }

        @Override
        public void sendView(ByteBuffer view, InetSocketAddress to) {
            send(view, to);
        }

        /** @return and forget everything sent so far */
        List<Sent> take() {
            List<Sent> l = new ArrayList<>(sent);
            sent.clear();
            return l;
        }

        Sent only() {
            List<Sent> l = take();
            if (l.size() != 1) {
                throw new AssertionError("expected one datagram, got " + l.size());
            }
            return l.get(0);
        }
    }
}
