/** The per-folder engine: scanning on its own threads, index exchange with peers, serving and pulling blocks. */
package org.swarmsync.sync.internal.engine;
