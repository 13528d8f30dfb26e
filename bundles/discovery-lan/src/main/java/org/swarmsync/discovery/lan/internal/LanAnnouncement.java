package org.swarmsync.discovery.lan.internal;

import org.swarmsync.api.discovery.Announcement;

/** One share announced on the LAN. */
final class LanAnnouncement implements Announcement {

    private final LanBeacon beacon;
    private final LanCore.Registration registration;

    LanAnnouncement(LanBeacon beacon, LanCore.Registration registration) {
        this.beacon = beacon;
        this.registration = registration;
    }

    @Override
    public void refresh() {
        if (!registration.closed) {
            beacon.refresh(registration);
        }
    }

    @Override
    public void close() {
        beacon.remove(registration);
    }
}
