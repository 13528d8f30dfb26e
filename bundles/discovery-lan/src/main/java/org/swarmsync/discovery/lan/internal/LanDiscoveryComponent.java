package org.swarmsync.discovery.lan.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.swarmsync.api.discovery.Announcement;
import org.swarmsync.api.discovery.PeerDiscovery;
import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.discovery.PeerListener;
import org.swarmsync.api.secrets.ShareHash;

/**
 * LAN multicast discovery as a {@link PeerDiscovery} source ({@code discovery.source=lan}).
 * Activation only reads the configuration; sockets and the thread start with the first
 * announcement and stop at deactivation.
 */
@Component(service = PeerDiscovery.class, configurationPid = LanDiscoveryComponent.PID,
        property = PeerDiscovery.SOURCE + "=lan")
@Designate(ocd = LanDiscoveryComponent.Config.class)
public final class LanDiscoveryComponent implements PeerDiscovery {

    /** Configuration PID. */
    public static final String PID = "org.swarmsync.discovery.lan";

    /** Typed configuration. */
    @ObjectClassDefinition(name = "swarmsync LAN discovery",
            description = "BSYNC pings to a multicast group; answers pings for the shares this node holds")
    public @interface Config {

        /** @return the interface name, or empty for all suitable ones */
        @AttributeDefinition(name = "Network interface",
                description = "Interface name such as eth0 or lo; empty: every interface that is up, "
                        + "multicast-capable, not loopback, with IPv4")
        String network_interface() default "";

        /** @return the multicast group */
        @AttributeDefinition(name = "Group", description = "IPv4 multicast group")
        String group() default "239.192.0.0";

        /** @return the group's UDP port */
        @AttributeDefinition(name = "Port")
        int port() default 3838;

        /** @return IP_MULTICAST_TTL */
        @AttributeDefinition(name = "Multicast TTL", description = "1 stays on the local link; 0 never leaves the host")
        int multicast_ttl() default 1;

        /** @return IP_MULTICAST_LOOP */
        @AttributeDefinition(name = "Multicast loop", description = "Let other nodes on this host hear our pings")
        boolean multicast_loop() default true;

        /** @return seconds between pings */
        @AttributeDefinition(name = "Ping interval seconds")
        int interval_seconds() default 30;

        /** @return milliseconds between answers to one source for one share */
        @AttributeDefinition(name = "Answer gap milliseconds",
                description = "At most one answer per source and share in this time")
        int reply_gap_millis() default 1000;
    }

    private final LanBeacon beacon;

    /** @param config the configuration */
    @Activate
    public LanDiscoveryComponent(Config config) {
        InetAddress group;
        if (!config.group().strip().matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("LAN discovery group must be a dotted IPv4 address: " + config.group());
        }
        try {
            // A literal, checked above: no name lookup happens on the framework's thread.
            group = InetAddress.getByName(config.group().strip());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("LAN discovery group is not an address: " + config.group(), e);
        }
        this.beacon = new LanBeacon(new LanOptions(config.network_interface().strip(), group, config.port(),
                config.multicast_ttl(), config.multicast_loop(), Duration.ofSeconds(config.interval_seconds()),
                Duration.ofMillis(config.reply_gap_millis())));
    }

    @Deactivate
    void deactivate() {
        beacon.close();
    }

    @Override
    public Announcement announce(ShareHash share, PeerId self, int listenPort, PeerListener listener) {
        if (listenPort < 1 || listenPort > 65_535) {
            throw new IllegalArgumentException("listen port out of range: " + listenPort);
        }
        return beacon.announce(share, self, listenPort, listener);
    }
}
