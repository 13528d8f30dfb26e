package org.swarmsync.transport.utp.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import java.net.InetSocketAddress;

import org.junit.Test;
import org.swarmsync.transport.utp.internal.core.UtpConfig;

/** The receive window stays within the kernel's receive queue for the port. */
public class StackOptionsWindowTest {

    private static final InetSocketAddress HERE = new InetSocketAddress("127.0.0.1", 6881);
    private final UtpConfig core = UtpConfig.defaults();
    private final StackOptions options = new StackOptions(core, 8 << 20, true);

    @Test
    public void aLargeEnoughGrantLeavesTheWindowAlone() {
        // what this kind of machine reports for 8 MiB asked with rmem_max at 4 MiB: twice the grant
        assertSame(core, options.coreWithin(8 << 20, HERE));
    }

    @Test
    public void aSmallGrantShrinksTheWindow() {
        // Linux's usual default rmem_max, 212,992, reported doubled
        UtpConfig capped = options.coreWithin(425_984, HERE);
        assertEquals(425_984 * 5 / 8, capped.recvBufferBytes());
        assertEquals(core.sendBufferBytes(), capped.sendBufferBytes());
    }

    @Test
    public void theWindowKeepsAFloor() {
        assertEquals(StackOptions.MIN_WINDOW, options.coreWithin(16 * 1024, HERE).recvBufferBytes());
    }

    @Test
    public void anUnknownGrantChangesNothing() {
        assertSame(core, options.coreWithin(0, HERE));
    }
}
