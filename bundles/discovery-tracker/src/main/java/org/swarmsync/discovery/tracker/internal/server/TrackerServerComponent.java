package org.swarmsync.discovery.tracker.internal.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a tracker server while a configuration with PID {@value #PID} exists; a node without one
 * serves nothing. Deactivation closes the socket and stops the thread.
 */
@Component(service = {}, configurationPid = TrackerServerComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TrackerServerComponent.Config.class)
public final class TrackerServerComponent {

    /** Configuration PID. */
    public static final String PID = "org.swarmsync.discovery.tracker.server";

    private static final Logger LOG = LoggerFactory.getLogger(TrackerServerComponent.class);

    /** Typed configuration. */
    @ObjectClassDefinition(name = "swarmsync tracker server",
            description = "A BSYNC UDP tracker: answers get_peers with the other peers of a share")
    public @interface Config {

        /** @return the IPv4 address to bind */
        @AttributeDefinition(name = "Bind address", description = "IPv4 address to listen on; 0.0.0.0 for all")
        String bind_address() default "0.0.0.0";

        /** @return the UDP port */
        @AttributeDefinition(name = "Port", description = "UDP port; 0 picks a free one")
        int port() default 3000;

        /** @return seconds a peer stays listed */
        @AttributeDefinition(name = "TTL seconds", description = "How long a peer stays listed after its last request")
        int ttl_seconds() default 600;

        /** @return most shares held */
        @AttributeDefinition(name = "Max shares",
                description = "Shares held at once; the least recently announced goes first")
        int max_shares() default 100_000;

        /** @return most peers per share */
        @AttributeDefinition(name = "Max peers per share")
        int max_peers_per_share() default 50;

        /** @return most peers in total */
        @AttributeDefinition(name = "Max peers in total")
        int max_total_peers() default 500_000;

        /** @return most peers per reply */
        @AttributeDefinition(name = "Max peers per reply")
        int max_peers_per_reply() default 20;

        /** @return the reply to request size ratio */
        @AttributeDefinition(name = "Max amplification",
                description = "A reply is at most this many times the size of its request (at least 2)")
        int max_amplification() default 8;

        /** @return the largest reply */
        @AttributeDefinition(name = "Max reply bytes")
        int max_reply_bytes() default 1200;

        /** @return sustained requests per second per source IP */
        @AttributeDefinition(name = "Requests per second per source IP")
        double rate_per_second() default 2.0;

        /** @return burst per source IP */
        @AttributeDefinition(name = "Burst per source IP")
        int rate_burst() default 20;

        /** @return most source IPs tracked */
        @AttributeDefinition(name = "Max tracked source IPs",
                description = "When full, new sources are refused until an old one has been quiet long enough")
        int max_sources() default 20_000;
    }

    private final TrackerServer server;

    /**
     * Binds the socket (fast) and starts the serving thread.
     *
     * @param config the configuration
     */
    @Activate
    public TrackerServerComponent(Config config) {
        ServerLimits limits = new ServerLimits(config.ttl_seconds(), config.max_shares(),
                config.max_peers_per_share(), config.max_total_peers(), config.max_peers_per_reply(),
                config.max_amplification(), config.max_reply_bytes(), config.rate_per_second(),
                config.rate_burst(), config.max_sources());
        InetSocketAddress bind = new InetSocketAddress(config.bind_address(), config.port());
        try {
            this.server = TrackerServer.start(bind, limits);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the tracker server to " + bind, e);
        }
        LOG.info("tracker listening on {} (udp)", server.localAddress());
    }

    @Deactivate
    void deactivate() {
        server.close();
        LOG.info("tracker on {} stopped", server.localAddress());
    }

    /** @return the running server, for tests and diagnostics */
    TrackerServer server() {
        return server;
    }
}
