package org.swarmsync.discovery.tracker.internal.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

public class TrackerAddressTest {

    @Test
    public void parsesHostPortHostAloneAndBracketedIpv6() {
        assertEquals(new TrackerAddress("t.example.org", 3001), TrackerAddress.parse("t.example.org:3001"));
        assertEquals(new TrackerAddress("127.0.0.1", 3000), TrackerAddress.parse(" 127.0.0.1 "));
        assertEquals(new TrackerAddress("::1", 5), TrackerAddress.parse("[::1]:5"));
        assertEquals("[::1]:5", TrackerAddress.parse("[::1]:5").toString());
    }

    @Test
    public void rejectsWithAMessageNamingTheEntry() {
        for (String bad : new String[] {"", "host:", "host:x", "host:0", "host:70000", "::1", "[::1", "[::1]x"}) {
            try {
                TrackerAddress.parse(bad);
                fail("accepted '" + bad + "'");
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("tracker"));
            }
        }
    }
}
