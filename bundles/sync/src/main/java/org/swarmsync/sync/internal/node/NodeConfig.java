package org.swarmsync.sync.internal.node;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The node's settings (PID {@value NodeComponent#PID}); every folder shares them. */
@ObjectClassDefinition(name = "swarmsync node",
        description = "Where this node listens for peers and how it protects its sessions")
public @interface NodeConfig {

    @AttributeDefinition(name = "Listen port",
            description = "Port every transport listens on (µTP on UDP, TCP on TCP); 0 picks a free one")
    int listen_port() default 0;

    @AttributeDefinition(name = "Bind address", description = "Address to listen on; 0.0.0.0 for all")
    String bind_address() default "0.0.0.0";

    @AttributeDefinition(name = "Crypto policy",
            description = "rc4-required (alias encrypted-required), rc4-preferred (encrypted-preferred),"
                    + " plaintext-preferred or plaintext-required. \"rc4\" means encrypted: two swarmsync"
                    + " nodes then use AES-128-GCM, a peer that lacks it (libtorrent) RC4")
    String crypto_policy() default "rc4-required";

    @AttributeDefinition(name = "Connect timeout seconds")
    int connect_timeout_seconds() default 10;

    @AttributeDefinition(name = "Handshake timeout seconds")
    int handshake_timeout_seconds() default 30;
}
