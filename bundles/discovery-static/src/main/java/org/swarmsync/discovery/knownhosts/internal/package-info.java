/** Known hosts: a configured list of peers per folder, reported as a discovery source (private). */
package org.swarmsync.discovery.knownhosts.internal;
