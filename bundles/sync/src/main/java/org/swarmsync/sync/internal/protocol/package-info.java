/** The session protocol's wire format: framing, messages, their bencode encoding and every limit a peer must respect. */
package org.swarmsync.sync.internal.protocol;
