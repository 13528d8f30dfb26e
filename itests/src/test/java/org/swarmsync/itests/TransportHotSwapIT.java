package org.swarmsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;
import org.swarmsync.api.transport.Connection;
import org.swarmsync.api.transport.Listening;
import org.swarmsync.api.transport.Transport;

/** Stopping the µTP bundle ends its connections and its service; starting it brings both back. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class TransportHotSwapIT {

    private static final String UTP = "(" + Transport.SCHEME + "=utp)";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return new Option[] {NodeOptions.node()};
    }

    @Test
    public void stoppingTheUtpBundleClosesItsConnectionsAndStartingItRegistersAgain() throws Exception {
        Transport utp = await();
        LinkedBlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
        Listening listening = utp.listen(new InetSocketAddress("127.0.0.1", 0), accepted::add);
        Connection dialled = utp.connect(listening.localAddress(), Duration.ofSeconds(10));
        dialled.write(ByteBuffer.wrap(new byte[] {42}));
        Connection server = accepted.poll(10, TimeUnit.SECONDS);
        assertNotNull("the listener accepted", server);
        ByteBuffer one = ByteBuffer.allocate(1);
        assertEquals(1, server.read(one));

        // Both ends live in the stopping bundle: the reader sees either the other end's FIN
        // (end of stream) or its own connection's shutdown (an IOException); never a hang.
        CompletableFuture<String> blockedRead = CompletableFuture.supplyAsync(() -> {
            try {
                return "read " + dialled.read(ByteBuffer.allocate(16));
            } catch (IOException e) {
                return "failed";
            }
        });
        bundle("org.swarmsync.transport-utp").stop();

        assertEquals("the service is gone", 0, context.getServiceReferences(Transport.class, UTP).size());
        String woken = blockedRead.get(10, TimeUnit.SECONDS);
        assertTrue("a blocked reader is woken: " + woken, woken.equals("read -1") || woken.equals("failed"));
        assertThrows(IOException.class, () -> server.write(ByteBuffer.wrap(new byte[] {1})));
        assertThrows(IOException.class, () -> dialled.write(ByteBuffer.wrap(new byte[] {1})));

        bundle("org.swarmsync.transport-utp").start();
        Transport again = await();
        LinkedBlockingQueue<Connection> acceptedAgain = new LinkedBlockingQueue<>();
        try (Listening l = again.listen(new InetSocketAddress("127.0.0.1", 0), acceptedAgain::add);
                Connection c = again.connect(l.localAddress(), Duration.ofSeconds(10))) {
            c.write(ByteBuffer.wrap(new byte[] {7, 8, 9}));
            Connection s = acceptedAgain.poll(10, TimeUnit.SECONDS);
            assertNotNull(s);
            ByteBuffer three = ByteBuffer.allocate(3);
            while (three.hasRemaining()) {
                assertTrue(s.read(three) > 0);
            }
            assertEquals(ByteBuffer.wrap(new byte[] {7, 8, 9}), three.flip());
            s.close();
        }
    }

    private Transport await() throws Exception {
        ServiceTracker<Transport, Transport> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + Transport.class.getName() + ")" + UTP + ")"), null);
        tracker.open();
        try {
            Transport transport = tracker.waitForService(10_000);
            assertNotNull("a utp transport is registered", transport);
            return transport;
        } finally {
            tracker.close();
        }
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError("no bundle " + symbolicName));
    }
}
