/**
 * The node: the DS components that bind transports, channel crypto and discovery sources,
 * listen and dial, hand each authenticated connection to its folder's engine, and offer
 * {@link org.swarmsync.api.sync.SyncService}.
 */
package org.swarmsync.sync.internal.node;
