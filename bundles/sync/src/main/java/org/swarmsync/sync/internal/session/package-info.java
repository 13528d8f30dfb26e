/** Peer sessions: authentication by the folder secret, then index exchange and block traffic over one connection. */
package org.swarmsync.sync.internal.session;
