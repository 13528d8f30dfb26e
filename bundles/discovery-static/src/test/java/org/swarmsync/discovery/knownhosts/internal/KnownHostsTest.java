package org.swarmsync.discovery.knownhosts.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;

import org.junit.Test;

public class KnownHostsTest {

    static final String SHARE = "474c188ef1315b7c1c298059dbbc5e15fd8ab9e9904cf7942af115b5ee2f39f4";

    @Test
    public void parsesHostPortAndBracketedIpv6() {
        assertEquals(new HostPort("nas.local", 3839), HostPort.parse(" nas.local:3839 "));
        assertEquals(new HostPort("10.0.0.7", 1), HostPort.parse("10.0.0.7:1"));
        assertEquals(new HostPort("fe80::1", 5000), HostPort.parse("[fe80::1]:5000"));
        assertEquals("[fe80::1]:5000", HostPort.parse("[fe80::1]:5000").toString());
    }

    @Test
    public void rejectsEntriesWithoutAUsablePort() {
        for (String bad : new String[] {"nas.local", "nas.local:", "nas.local:x", "nas:0", "nas:65536", ":5",
            "fe80::1:5", "[fe80::1]", "[fe80::1]5"}) {
            try {
                HostPort.parse(bad);
                fail("accepted " + bad);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains(bad.strip()));
            }
        }
    }

    @Test
    public void aFolderConfigurationKeepsTheValidHostsAndSkipsTheRest() {
        KnownHostsFolder folder = new KnownHostsFolder(SHARE.toUpperCase(),
                new String[] {"a.example:1", "", "nonsense", "[::1]:2"});
        assertEquals(SHARE, folder.entry().share().hex());
        assertEquals(List.of(new HostPort("a.example", 1), new HostPort("::1", 2)), folder.entry().hosts());
    }

    @Test
    public void aBadShareHashFailsActivationWithAClearMessage() {
        for (String bad : new String[] {null, "", "abc", SHARE.substring(1) + "g"}) {
            try {
                new KnownHostsFolder(bad, new String[] {"a:1"});
                fail("accepted share " + bad);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("known hosts: invalid share hash"));
            }
        }
    }
}
