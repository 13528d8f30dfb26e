/** pax-exam tests: the swarmsync bundles in a real Felix framework. */
package org.swarmsync.itests;
