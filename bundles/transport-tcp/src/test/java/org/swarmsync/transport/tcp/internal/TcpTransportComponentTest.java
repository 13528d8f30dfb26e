package org.swarmsync.transport.tcp.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.swarmsync.api.transport.Connection;
import org.swarmsync.api.transport.Listening;

public class TcpTransportComponentTest {

    /** What DS would pass: the annotation's defaults, overridden by configured values. */
    static TcpTransportComponent.Config config(Map<String, Object> values) {
        return (TcpTransportComponent.Config) Proxy.newProxyInstance(TcpTransportComponent.Config.class.getClassLoader(),
                new Class<?>[] {TcpTransportComponent.Config.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    @Test(timeout = 20_000)
    public void activatesFromConfigAndDeactivationClosesEverything() throws Exception {
        TcpTransportComponent component = new TcpTransportComponent(config(Map.of("socket_buffer_bytes", 256 * 1024)));
        assertEquals("tcp", component.scheme());
        BlockingQueue<Connection> accepted = new ArrayBlockingQueue<>(1);
        Listening listening = component.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), accepted::add);
        Connection client = component.connect(listening.localAddress(), Duration.ofSeconds(5));
        Connection server = accepted.poll(5, TimeUnit.SECONDS);
        assertNotNull(server);
        client.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertEquals(3, server.read(ByteBuffer.allocate(8)));

        component.deactivate();
        assertFalse(client.isOpen());
        assertFalse(server.isOpen());
        assertFalse("accept thread stopped", ((TcpListener) listening).isAlive());
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("swarmsync-tcp-accept-" + listening.localAddress().getPort())));
    }
}
