package org.swarmsync.example.transport.unix.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.swarmsync.api.transport.Connection;
import org.swarmsync.api.transport.Listening;
import org.swarmsync.api.transport.Transport;

/**
 * Registers the Unix-socket transport as a {@link Transport} service
 * ({@code transport.scheme=unix}, {@code transport.priority=30}, above µTP's 20: for a peer
 * on the same machine nothing is cheaper). The orchestrator binds it like µTP and TCP;
 * stopping this bundle deactivates the component, which closes every listener and
 * connection, and the orchestrator carries on over the next transport.
 */
@Component(service = Transport.class, configurationPid = UnixTransportComponent.PID,
        property = {Transport.SCHEME + "=" + UnixTransport.SCHEME, Transport.PRIORITY + ":Integer=30"})
@Designate(ocd = UnixTransportComponent.Config.class)
public final class UnixTransportComponent implements Transport {

    /** Configuration PID. */
    public static final String PID = "org.swarmsync.example.transport.unix";

    /** Typed configuration; DS also publishes these values as service properties. */
    @ObjectClassDefinition(name = "swarmsync Unix-socket transport (example)",
            description = "Peer connections over Unix domain sockets, for peers on this machine")
    public @interface Config {

        /** @return dial preference; µTP registers 20, TCP 10 */
        @AttributeDefinition(name = "Priority", description = "Higher is dialled first; µTP uses 20, TCP 10")
        int transport_priority() default 30;

        /** @return the socket directory, empty for the default */
        @AttributeDefinition(name = "Socket directory",
                description = "Where the socket files live; empty: swarmsync-unix in the temporary directory")
        String socket_dir() default "";
    }

    private final UnixTransport transport;

    /** @param config the component's configuration */
    @Activate
    public UnixTransportComponent(Config config) {
        Path dir = config.socket_dir().isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "swarmsync-unix")
                : Path.of(config.socket_dir());
        this.transport = new UnixTransport(dir);
    }

    @Deactivate
    void deactivate() {
        transport.close();
    }

    @Override
    public String scheme() {
        return UnixTransport.SCHEME;
    }

    @Override
    public Listening listen(InetSocketAddress bindAddress, Consumer<Connection> onAccept) throws IOException {
        return transport.listen(bindAddress, onAccept);
    }

    @Override
    public Connection connect(InetSocketAddress remote, Duration timeout) throws IOException {
        return transport.connect(remote);
    }
}
