package org.swarmsync.discovery.knownhosts.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.api.secrets.ShareHash;

/**
 * One folder's known hosts: one instance per factory configuration of {@value #FACTORY_PID}.
 * It registers itself as an internal service, which {@link StaticDiscoveryComponent}, the one
 * {@code PeerDiscovery} of this bundle, collects.
 */
@Component(service = KnownHostsFolder.class, configurationPid = KnownHostsFolder.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = KnownHostsFolder.Config.class, factory = true)
public final class KnownHostsFolder {

    /** Factory configuration PID: one configuration per folder. */
    public static final String FACTORY_PID = "org.swarmsync.discovery.static.folder";

    private static final Logger LOG = LoggerFactory.getLogger(KnownHostsFolder.class);

    /** Typed configuration. */
    @ObjectClassDefinition(name = "swarmsync known hosts (per folder)",
            description = "Peers to try for one folder, besides what the tracker and the LAN find")
    public @interface Config {

        /** @return the share hash */
        @AttributeDefinition(name = "Share hash", description = "The folder's share hash, 64 hex digits "
                + "(swarmsync secret info shows it)")
        String share();

        /** @return the hosts */
        @AttributeDefinition(name = "Hosts",
                description = "HOST:PORT or [IPV6]:PORT; names are resolved at each report")
        String[] hosts() default {};
    }

    private final KnownHosts entry;

    /**
     * @param config the configuration
     * @throws IllegalArgumentException if the share hash is not 64 hex digits
     */
    @Activate
    public KnownHostsFolder(Config config) {
        this(config.share(), config.hosts());
    }

    KnownHostsFolder(String shareHex, String[] hosts) {
        ShareHash share;
        try {
            share = ShareHash.ofHex(shareHex == null ? "" : shareHex.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("known hosts: invalid share hash: " + e.getMessage(), e);
        }
        List<HostPort> parsed = new ArrayList<>();
        for (String h : hosts == null ? new String[0] : hosts) {
            if (h == null || h.isBlank()) {
                continue;
            }
            try {
                parsed.add(HostPort.parse(h));
            } catch (IllegalArgumentException e) {
                LOG.warn("known hosts for share {}: ignoring {}", share, e.getMessage());
            }
        }
        this.entry = new KnownHosts(share, parsed);
    }

    /** @return the share and its hosts */
    KnownHosts entry() {
        return entry;
    }
}
