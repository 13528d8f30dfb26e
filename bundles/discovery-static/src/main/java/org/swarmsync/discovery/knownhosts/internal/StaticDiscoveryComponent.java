package org.swarmsync.discovery.knownhosts.internal;

import java.net.InetAddress;
import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.swarmsync.api.discovery.Announcement;
import org.swarmsync.api.discovery.PeerDiscovery;
import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.discovery.PeerListener;
import org.swarmsync.api.secrets.ShareHash;

/**
 * The known-hosts source: one {@link PeerDiscovery} ({@code discovery.source=static}) for all
 * folders. It collects every {@link KnownHostsFolder} (one per factory configuration) as they
 * come and go, and {@code announce(share, ...)} reports the hosts configured for that share.
 * The orchestrator calls {@code announce} on every source alike; it needs to know nothing of
 * the per-folder configurations.
 */
@Component(service = PeerDiscovery.class, configurationPid = StaticDiscoveryComponent.PID,
        property = PeerDiscovery.SOURCE + "=" + StaticDiscovery.SOURCE)
@Designate(ocd = StaticDiscoveryComponent.Config.class)
public final class StaticDiscoveryComponent implements PeerDiscovery {

    /** Configuration PID (optional). */
    public static final String PID = "org.swarmsync.discovery.static";

    /** Typed configuration. */
    @ObjectClassDefinition(name = "swarmsync known hosts",
            description = "Reports the hosts configured per folder (factory " + KnownHostsFolder.FACTORY_PID + ")")
    public @interface Config {

        /** @return seconds between reports */
        @AttributeDefinition(name = "Report interval seconds",
                description = "The configured hosts are reported again this often, so they are redialled")
        int report_interval_seconds() default 30;
    }

    private final StaticDiscovery discovery;

    /** @param config the configuration */
    @Activate
    public StaticDiscoveryComponent(Config config) {
        this.discovery = new StaticDiscovery(Duration.ofSeconds(Math.max(1, config.report_interval_seconds())),
                InetAddress::getAllByName);
    }

    @Reference(service = KnownHostsFolder.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addFolder(KnownHostsFolder folder) {
        discovery.addFolder(folder.entry());
    }

    void removeFolder(KnownHostsFolder folder) {
        discovery.removeFolder(folder.entry());
    }

    @Deactivate
    void deactivate() {
        discovery.close();
    }

    @Override
    public Announcement announce(ShareHash share, PeerId self, int listenPort, PeerListener listener) {
        // Configured hosts carry no peer id, so ourselves cannot be told apart here; the handshake does that.
        return discovery.announce(share, listener);
    }
}
