package org.swarmsync.discovery.tracker.internal.client;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.api.discovery.Announcement;
import org.swarmsync.api.discovery.PeerDiscovery;
import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.discovery.PeerListener;
import org.swarmsync.api.secrets.ShareHash;

/**
 * The tracker client as a {@link PeerDiscovery} source ({@code discovery.source=tracker}). Its
 * tracker list is empty unless configured: no public tracker is contacted by default.
 * Activation only reads the configuration; the socket and threads start with the first
 * announcement and stop at deactivation.
 */
@Component(service = PeerDiscovery.class, configurationPid = TrackerDiscoveryComponent.PID,
        property = PeerDiscovery.SOURCE + "=" + TrackerClient.SOURCE)
@Designate(ocd = TrackerDiscoveryComponent.Config.class)
public final class TrackerDiscoveryComponent implements PeerDiscovery {

    /** Configuration PID. */
    public static final String PID = "org.swarmsync.discovery.tracker";

    private static final Logger LOG = LoggerFactory.getLogger(TrackerDiscoveryComponent.class);

    /** Typed configuration. */
    @ObjectClassDefinition(name = "swarmsync tracker client",
            description = "Announces shares to BSYNC UDP trackers and reports the peers they list")
    public @interface Config {

        /** @return the trackers */
        @AttributeDefinition(name = "Trackers",
                description = "HOST or HOST:PORT (default port 3000), IPv4; empty: no tracker is contacted")
        String[] trackers() default {};

        /** @return seconds between announces to a tracker that answers */
        @AttributeDefinition(name = "Announce interval seconds")
        int announce_interval_seconds() default 180;

        /** @return first retry to a silent tracker */
        @AttributeDefinition(name = "First retry seconds",
                description = "Wait after a silent request; doubles with each silence")
        int retry_initial_seconds() default 15;

        /** @return longest wait between retries */
        @AttributeDefinition(name = "Longest retry seconds")
        int retry_max_seconds() default 1800;

        /** @return the local address of the client socket */
        @AttributeDefinition(name = "Bind address", description = "Local IPv4 address of the client's UDP socket")
        String bind_address() default "0.0.0.0";
    }

    private final TrackerClient client;

    /** @param config the configuration */
    @Activate
    public TrackerDiscoveryComponent(Config config) {
        List<TrackerAddress> trackers = new ArrayList<>();
        for (String t : config.trackers()) {
            if (t == null || t.isBlank()) {
                continue;
            }
            try {
                trackers.add(TrackerAddress.parse(t));
            } catch (IllegalArgumentException e) {
                LOG.warn("ignoring tracker: {}", e.getMessage());
            }
        }
        ClientOptions options = new ClientOptions(Duration.ofSeconds(config.announce_interval_seconds()),
                Duration.ofSeconds(config.retry_initial_seconds()), Duration.ofSeconds(config.retry_max_seconds()),
                ClientOptions.DEFAULTS.jitter(), ClientOptions.DEFAULTS.minRefreshGap());
        this.client = new TrackerClient(options, trackers, new InetSocketAddress(config.bind_address(), 0),
                new SplittableRandom(new SecureRandom().nextLong()));
        if (!trackers.isEmpty()) {
            LOG.info("tracker discovery with {}", trackers);
        }
    }

    @Deactivate
    void deactivate() {
        client.close();
    }

    @Override
    public Announcement announce(ShareHash share, PeerId self, int listenPort, PeerListener listener) {
        return client.announce(share, self, listenPort, listener);
    }
}
