package org.swarmsync.transport.utp.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

import org.junit.Test;
import org.swarmsync.transport.utp.internal.core.UtpConfig;

/** The receive window stays within the kernel's receive queue for the port. */
public class StackOptionsWindowTest {

    private static final InetSocketAddress HERE = new InetSocketAddress("127.0.0.1", 6881);
    private final UtpConfig core = UtpConfig.defaults();
    private final StackOptions options = new StackOptions(core, 8 << 20, true);

    @Test
    public void linuxDoublesWhatJavaReports() {
        assertEquals(8L << 20, StackOptions.receiveBudget(4 << 20, true));
        assertEquals(4L << 20, StackOptions.receiveBudget(4 << 20, false));
    }

    @Test
    public void aLargeEnoughBudgetLeavesTheWindowAlone() {
        // Linux with rmem_max at 4 MiB: 8 MiB of budget for the 4 MiB window
        assertSame(core, options.coreWithin(StackOptions.receiveBudget(4 << 20, true), HERE));
    }

    @Test
    public void aSmallBudgetShrinksTheWindow() {
        // Linux's usual default rmem_max, 212,992, doubled
        UtpConfig capped = options.coreWithin(StackOptions.receiveBudget(212_992, true), HERE);
        assertEquals(425_984 * 5 / 8, capped.recvBufferBytes());
        assertEquals(core.sendBufferBytes(), capped.sendBufferBytes());
    }

    @Test
    public void theWindowKeepsAFloor() {
        assertEquals(StackOptions.MIN_WINDOW, options.coreWithin(16 * 1024, HERE).recvBufferBytes());
    }

    @Test
    public void anUnknownBudgetChangesNothing() {
        assertSame(core, options.coreWithin(0, HERE));
    }

    @Test
    public void javaReportsTheGrantNotTheDoubledValue() throws Exception {
        // what receiveBudget relies on: a request below any cap comes back as asked
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET)) {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 64 * 1024);
            int reported = ch.getOption(StandardSocketOptions.SO_RCVBUF);
            if (System.getProperty("os.name", "").startsWith("Linux")) {
                assertEquals(64 * 1024, reported);
            }
        }
    }
}
