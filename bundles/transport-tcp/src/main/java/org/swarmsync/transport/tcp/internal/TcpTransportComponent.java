package org.swarmsync.transport.tcp.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
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
 * Registers the TCP transport as a {@link Transport} service ({@code transport.scheme=tcp},
 * {@code transport.priority=10}, below µTP's 20). Deactivation closes its listeners and
 * connections and stops their threads.
 */
@Component(
        service = Transport.class,
        configurationPid = TcpTransportComponent.PID,
        property = {Transport.SCHEME + "=" + TcpTransport.SCHEME, Transport.PRIORITY + ":Integer=10"})
@Designate(ocd = TcpTransportComponent.Config.class)
public final class TcpTransportComponent implements Transport {

    /** Configuration PID. */
    public static final String PID = "org.swarmsync.transport.tcp";

    /** Typed configuration; DS also publishes these values as service properties. */
    @ObjectClassDefinition(name = "swarmsync TCP transport",
            description = "Peer connections over TCP")
    public @interface Config {

        /** @return dial preference; µTP registers 20 */
        @AttributeDefinition(name = "Priority",
                description = "Higher is dialled first; the uTP transport uses 20")
        int transport_priority() default 10;

        /** @return whether Nagle's algorithm is disabled */
        @AttributeDefinition(name = "TCP_NODELAY",
                description = "Send small messages at once instead of coalescing them")
        boolean tcp_nodelay() default true;

        /** @return the socket buffer size, 0 for the OS's auto-tuning */
        @AttributeDefinition(name = "Socket buffer bytes",
                description = "SO_SNDBUF and SO_RCVBUF; 0 lets the operating system tune them (recommended)")
        int socket_buffer_bytes() default 0;

        /** @return the accept backlog */
        @AttributeDefinition(name = "Accept backlog", description = "Pending connections queued per listener")
        int accept_backlog() default 128;
    }

    private final TcpTransport transport;

    /** @param config the component's configuration */
    @Activate
    public TcpTransportComponent(Config config) {
        this.transport = new TcpTransport(
                new TcpOptions(config.tcp_nodelay(), config.socket_buffer_bytes(), config.accept_backlog()));
    }

    @Deactivate
    void deactivate() {
        transport.close();
    }

    @Override
    public String scheme() {
        return transport.scheme();
    }

    @Override
    public Listening listen(InetSocketAddress bindAddress, Consumer<Connection> onAccept) throws IOException {
        return transport.listen(bindAddress, onAccept);
    }

    @Override
    public Connection connect(InetSocketAddress remote, Duration timeout) throws IOException {
        return transport.connect(remote, timeout);
    }
}
