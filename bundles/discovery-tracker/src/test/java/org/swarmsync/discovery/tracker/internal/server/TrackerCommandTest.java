package org.swarmsync.discovery.tracker.internal.server;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;
import org.swarmsync.api.command.LauncherCommand;
import org.swarmsync.discovery.tracker.internal.wire.PeersReply;
import org.swarmsync.discovery.tracker.internal.wire.TrackerWire;

public class TrackerCommandTest {

    private final TrackerCommand command = new TrackerCommand();

    @Test
    public void servesInTheForegroundUntilInterruptedThenExitsZero() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread runner = new Thread(() -> exit.set(command.run(new String[] {"--port", "0", "--bind", "127.0.0.1"},
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true), new PrintStream(err, true))));
        runner.start();
        Pattern listening = Pattern.compile("tracker listening on 127\\.0\\.0\\.1:(\\d+) \\(udp\\)");
        Matcher m = listening.matcher("");
        for (int i = 0; i < 250 && !m.find(); i++) {
            Thread.sleep(20);
            m = listening.matcher(out.toString(StandardCharsets.UTF_8));
        }
        assertTrue("no listening line: " + out + err, m.find(0));
        int port = Integer.parseInt(m.group(1));

        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            s.setSoTimeout(5_000);
            byte[] request = TrackerServerCoreTest.request(TrackerServerCoreTest.peer(1), TrackerServerCoreTest.SHARE,
                    Optional.empty(), OptionalInt.empty());
            s.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
            DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
            s.receive(in);
            PeersReply reply = TrackerWire.decodePeers(in.getData(), in.getLength());
            assertEquals(TrackerServerCoreTest.SHARE, reply.share());
        }

        runner.interrupt();
        runner.join(5_000);
        assertFalse(runner.isAlive());
        assertEquals(LauncherCommand.OK, exit.get());
        assertTrue(out.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8)
                .contains("tracker stopped: 1 requests answered"));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void usageErrorsPrintOneLineAndReturnTwo() {
        String[][] bad = {{"--port"}, {"--port", "x"}, {"--port", "70000"}, {"--bind", "::1"}, {"--ttl", "0"},
            {"serve"}};
        for (String[] args : bad) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = command.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true),
                    new PrintStream(err, true));
            assertEquals(String.join(" ", args), LauncherCommand.USAGE, code);
            String text = err.toString(StandardCharsets.UTF_8);
            assertTrue(text, text.startsWith("swarmsync tracker: ") && text.contains("usage:"));
            assertEquals("one line: " + text, 1, text.lines().count());
            assertEquals("", out.toString(StandardCharsets.UTF_8));
        }
    }
}
