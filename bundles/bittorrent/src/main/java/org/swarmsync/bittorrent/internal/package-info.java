/**
 * A small BitTorrent v1 peer: metainfo, the BEP 3 wire protocol, fetching every piece from
 * one peer or seeding to one, over any {@code Transport} and {@code ChannelCrypto}.
 */
package org.swarmsync.bittorrent.internal;
