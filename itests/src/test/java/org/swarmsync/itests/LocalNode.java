package org.swarmsync.itests;

import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.swarmsync.api.sync.SyncService;

/**
 * The pax-exam framework's own node, made safe and reachable for tests that sync with
 * launcher JVMs: no LAN pings, listening on 127.0.0.1 only, on a known port.
 */
final class LocalNode {

    private LocalNode() {
    }

    /**
     * Stops LAN discovery, configures the node to listen on 127.0.0.1:{@code port}, and returns
     * the node as configured (a new configuration restarts the node component, so a service
     * injected earlier would be the stopped instance).
     */
    static SyncService loopbackOnly(BundleContext context, ConfigurationAdmin configAdmin, int port)
            throws Exception {
        bundle(context, "org.swarmsync.discovery-lan").stop();
        configAdmin.getConfiguration("org.swarmsync.node", "?").update(dictionary(
                "listen.port", port, "bind.address", "127.0.0.1"));
        return awaitService(context, SyncService.class, "(&(bind.address=127.0.0.1)(listen.port=" + port + "))");
    }

    static Bundle bundle(BundleContext context, String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError("no bundle " + symbolicName));
    }

    /** Waits up to 10 s for a service matching a filter, failing with the services there are. */
    static <T> T awaitService(BundleContext context, Class<T> type, String filter) throws Exception {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + type.getName() + ")" + filter + ")"), null);
        tracker.open();
        try {
            T service = tracker.waitForService(10_000);
            if (service == null) {
                StringBuilder seen = new StringBuilder();
                for (var ref : context.getServiceReferences(type, null)) {
                    for (String key : ref.getPropertyKeys()) {
                        seen.append(key).append('=').append(ref.getProperty(key)).append(' ');
                    }
                    seen.append('\n');
                }
                throw new AssertionError("no " + type.getSimpleName() + " " + filter + "; there are:\n" + seen);
            }
            return service;
        } finally {
            tracker.close();
        }
    }

    static Dictionary<String, Object> dictionary(Object... keyValues) {
        Dictionary<String, Object> d = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            d.put((String) keyValues[i], keyValues[i + 1]);
        }
        return d;
    }
}
