package org.swarmsync.transport.utp.internal.core;

import java.nio.ByteBuffer;

/**
 * A test application on one end of a connection: writes {@code toSend} pattern bytes of stream
 * {@code sendStream} as fast as the socket takes them (then optionally shuts down output), and
 * reads and verifies everything from stream {@code recvStream}.
 */
final class StreamPump implements SocketListener {

    UtpSocket socket;
    final long toSend;
    final int sendStream;
    final int recvStream;
    final boolean shutdownWhenDone;
    long sent;
    long received;
    boolean eof;
    boolean connected;
    CloseCause closed;
    long firstMismatch = -1;
    private boolean shut;
    private boolean wake = true;
    private final byte[] out = new byte[16 * 1024];
    private final ByteBuffer outBuf = ByteBuffer.wrap(out).limit(0);
    private final byte[] in = new byte[64 * 1024];

    StreamPump(long toSend, int sendStream, int recvStream, boolean shutdownWhenDone) {
        this.toSend = toSend;
        this.sendStream = sendStream;
        this.recvStream = recvStream;
        this.shutdownWhenDone = shutdownWhenDone;
    }

    boolean wantsPump() {
        return wake && socket != null;
    }

    boolean done() {
        return sent == toSend && eof;
    }

    void pump() {
        wake = false;
        while (sent < toSend) {
            if (!outBuf.hasRemaining()) {
                int len = (int) Math.min(out.length, toSend - sent - 0);
                long at = sent;
                Pattern.fill(out, 0, len, at, sendStream);
                outBuf.position(0).limit(len);
            }
            int n = socket.write(outBuf);
            if (n <= 0) {
                break;
            }
            sent += n;
        }
        if (sent == toSend && shutdownWhenDone && !shut) {
            shut = true;
            socket.shutdownOutput();
        }
        while (true) {
            ByteBuffer b = ByteBuffer.wrap(in);
            int n = socket.read(b);
            if (n > 0) {
                long bad = Pattern.check(in, 0, n, received, recvStream);
                if (bad >= 0 && firstMismatch < 0) {
                    firstMismatch = bad;
                }
                received += n;
            } else {
                if (n < 0) {
                    eof = true;
                }
                break;
            }
        }
    }

    @Override
    public void onConnected(UtpSocket s) {
        connected = true;
        wake = true;
    }

    @Override
    public void onReadable(UtpSocket s) {
        wake = true;
    }

    @Override
    public void onWritable(UtpSocket s) {
        wake = true;
    }

    @Override
    public void onClosed(UtpSocket s, CloseCause cause) {
        closed = cause;
        wake = true;
    }
}
