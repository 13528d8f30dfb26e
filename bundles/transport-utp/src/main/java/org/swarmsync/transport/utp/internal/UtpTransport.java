package org.swarmsync.transport.utp.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.api.transport.Connection;
import org.swarmsync.api.transport.Listening;
import org.swarmsync.api.transport.Transport;
import org.swarmsync.transport.utp.internal.core.UtpConfig;

/**
 * The µTP {@link Transport}: each {@link #listen} binds its own UDP port; dialling uses one
 * lazily bound port (configurable address and port). Activation only records the settings;
 * deactivation closes every connection (FIN if idle, else RESET), wakes blocked callers with an
 * {@link IOException} and stops every I/O thread.
 */
@Component(service = Transport.class, configurationPid = UtpTransport.PID,
        property = Transport.SCHEME + "=" + UtpTransport.SCHEME_UTP)
@Designate(ocd = UtpTransport.Config.class)
public final class UtpTransport implements Transport {

    /** Configuration PID. */
    public static final String PID = "org.swarmsync.transport.utp";
    /** The scheme this transport serves. */
    public static final String SCHEME_UTP = "utp";

    private static final Logger LOG = LoggerFactory.getLogger(UtpTransport.class);

    /** Settings of the µTP transport. */
    @ObjectClassDefinition(name = "swarmsync µTP transport",
            description = "µTP (BEP 29) over UDP, interoperable with libtorrent and libutp")
    public @interface Config {

        @AttributeDefinition(name = "Priority", description = "Higher is preferred when dialling (TCP uses 10)")
        int transport_priority() default 20;

        @AttributeDefinition(name = "Dial address", description = "Local address of the dialling port; empty for any")
        String dial_address() default "";

        @AttributeDefinition(name = "Dial port", description = "Local UDP port for dialling; 0 picks one")
        int dial_port() default 0;

        @AttributeDefinition(name = "Socket buffer bytes", description = "SO_RCVBUF/SO_SNDBUF to request per UDP port")
        int socket_buffer_bytes() default 8 << 20;

        @AttributeDefinition(name = "Send buffer bytes", description = "Per connection: data queued and not yet acknowledged")
        int send_buffer_bytes() default 8 << 20;

        @AttributeDefinition(name = "Receive buffer bytes", description = "Per connection: the advertised window")
        int receive_buffer_bytes() default 4 << 20;

        @AttributeDefinition(name = "Maximum connections", description = "Per UDP port; SYNs beyond are dropped")
        int max_connections() default 3000;

        @AttributeDefinition(name = "Maximum half-open", description = "Accepted connections not yet heard from after their SYN")
        int max_half_open() default 500;

        @AttributeDefinition(name = "Large datagrams on loopback",
                description = "Offer up to 64 KiB datagrams to swarmsync peers on loopback (extension 0x53)")
        boolean large_datagrams() default true;
    }

    private final List<UtpStack> stacks = new CopyOnWriteArrayList<>();
    private StackOptions options = StackOptions.defaults();
    private InetSocketAddress dialBind = new InetSocketAddress(0);
    private UtpStack dialStack;
    private boolean stopped;

    /** For use outside OSGi (tests, benchmarks): default settings. */
    public UtpTransport() {
    }

    /** For use outside OSGi with explicit settings. */
    public UtpTransport(StackOptions options, InetSocketAddress dialBind) {
        this.options = Objects.requireNonNull(options);
        this.dialBind = Objects.requireNonNull(dialBind);
    }

    @Activate
    void activate(Config config) throws IOException {
        UtpConfig core = UtpConfig.builder()
                .sendBufferBytes(config.send_buffer_bytes())
                .recvBufferBytes(config.receive_buffer_bytes())
                .maxConnections(config.max_connections())
                .maxHalfOpen(Math.min(config.max_half_open(), config.max_connections()))
                .build();
        options = new StackOptions(core, config.socket_buffer_bytes(), config.large_datagrams());
        String host = config.dial_address().trim();
        dialBind = host.isEmpty() ? new InetSocketAddress(config.dial_port())
                : new InetSocketAddress(InetAddress.getByName(host), config.dial_port());
    }

    @Deactivate
    void deactivate() {
        List<UtpStack> all;
        synchronized (this) {
            stopped = true;
            all = new ArrayList<>(stacks);
            dialStack = null;
        }
        for (UtpStack s : all) {
            s.close();
        }
        stacks.clear();
        LOG.debug("µTP transport stopped ({} ports closed)", all.size());
    }

    /** Stops the transport outside OSGi. */
    public void close() {
        deactivate();
    }

    @Override
    public String scheme() {
        return SCHEME_UTP;
    }

    @Override
    public Listening listen(InetSocketAddress bindAddress, Consumer<Connection> onAccept) throws IOException {
        Objects.requireNonNull(onAccept, "onAccept");
        UtpStack s = open(bindAddress, true);
        s.setAcceptCallback(onAccept);
        return new UtpListening(s);
    }

    @Override
    public Connection connect(InetSocketAddress remote, Duration timeout) throws IOException {
        return dialStack().connect(remote, timeout);
    }

    private synchronized UtpStack dialStack() throws IOException {
        if (dialStack == null || !dialStack.isOpen()) {
            dialStack = open(dialBind, false);
        }
        return dialStack;
    }

    private synchronized UtpStack open(InetSocketAddress bind, boolean closeWhenIdle) throws IOException {
        if (stopped) {
            throw new IOException("µTP transport is stopped");
        }
        UtpStack[] holder = new UtpStack[1];
        UtpStack s = UtpStack.open(bind, options, closeWhenIdle, () -> {
            if (holder[0] != null) {
                stacks.remove(holder[0]);
            }
        });
        holder[0] = s;
        if (s.isOpen()) {
            stacks.add(s);
        }
        return s;
    }

    /** @return the open UDP ports (for statistics and tests) */
    public List<UtpStack> stacks() {
        return List.copyOf(stacks);
    }
}
