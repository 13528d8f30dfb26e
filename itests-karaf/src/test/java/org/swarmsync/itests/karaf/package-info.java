/** Integration tests in a real Apache Karaf: features, cfg files, shell, sync with a launcher peer. */
package org.swarmsync.itests.karaf;
