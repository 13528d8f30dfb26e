package org.swarmsync.sync.internal.node;

import java.io.IOException;
import java.util.Hashtable;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.api.secrets.ShareHash;

/**
 * A folder's known hosts live in its own configuration, but are served by the static
 * discovery source like every other way of finding peers: this keeps that source's
 * per-folder configuration in step with the folder's.
 */
final class KnownHostsLink {

    static final String STATIC_FACTORY_PID = "org.swarmsync.discovery.static.folder";
    static final String OWNER = "swarmsync.folder.pid";

    private static final Logger LOG = LoggerFactory.getLogger(KnownHostsLink.class);

    private KnownHostsLink() {
    }

    /** Creates, updates or deletes the static source's configuration for a folder. */
    static void update(ConfigurationAdmin admin, String folderPid, ShareHash share, String[] hosts) {
        if (admin == null) {
            if (hosts.length > 0) {
                LOG.warn("folder {}: known hosts need Config Admin, which is not installed", folderPid);
            }
            return;
        }
        try {
            Configuration existing = find(admin, folderPid);
            if (hosts.length == 0) {
                if (existing != null) {
                    existing.delete();
                }
                return;
            }
            Configuration configuration = existing != null ? existing
                    : admin.createFactoryConfiguration(STATIC_FACTORY_PID, "?");
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("share", share.hex());
            properties.put("hosts", hosts);
            properties.put(OWNER, folderPid);
            configuration.updateIfDifferent(properties);
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("folder {}: cannot configure its known hosts: {}", folderPid, e.getMessage());
        }
    }

    private static Configuration find(ConfigurationAdmin admin, String folderPid)
            throws IOException, InvalidSyntaxException {
        Configuration[] found = admin.listConfigurations("(" + OWNER + "=" + folderPid.replaceAll("([\\\\*()])", "\\\\$1")
                + ")");
        return found == null || found.length == 0 ? null : found[0];
    }
}
