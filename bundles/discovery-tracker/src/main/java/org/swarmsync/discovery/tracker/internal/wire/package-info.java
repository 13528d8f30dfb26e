/** The BSYNC tracker wire format: {@code BSYNC\0} + bencoded get_peers / peers, validated field by field. */
package org.swarmsync.discovery.tracker.internal.wire;
