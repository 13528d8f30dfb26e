package org.swarmsync.crypto.mse.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.swarmsync.api.crypto.CryptoPolicy;
import org.swarmsync.api.crypto.HandshakeResult;
import org.swarmsync.api.crypto.KeyRing;
import org.swarmsync.api.crypto.PayloadCipher;
import org.swarmsync.api.transport.Connection;

public class MseComponentTest {

    /** What DS would pass: the annotation's defaults, overridden by configured values. */
    static MseComponent.Config config(Map<String, Object> values) {
        return (MseComponent.Config) Proxy.newProxyInstance(MseComponent.Config.class.getClassLoader(),
                new Class<?>[] {MseComponent.Config.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    @Test(timeout = 20_000)
    public void activatesWithDefaultsRunsAHandshakeAndStopsItsThread() throws Exception {
        handshake(Map.of(), PayloadCipher.AES_128_GCM);
    }

    @Test(timeout = 20_000)
    public void aesGcmTurnedOffOnOneSideLeavesRc4() throws Exception {
        handshake(Map.of("aes_gcm", false), PayloadCipher.RC4);
    }

    private static void handshake(Map<String, Object> initiatorConfig, PayloadCipher expected) throws Exception {
        MseComponent a = new MseComponent(config(initiatorConfig));
        MseComponent b = new MseComponent(config(Map.of("max_initial_payload", 68)));
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            assertEquals("mse", a.method());
            Connection[] c = MemoryPipe.pair(64 * 1024);
            byte[] key = new byte[20];
            Future<HandshakeResult> responder = thread.submit(
                    () -> b.respond(c[1], KeyRing.of(key), CryptoPolicy.RC4_REQUIRED, Duration.ofSeconds(10)));
            HandshakeResult result = a.initiate(c[0], key, ByteBuffer.wrap(new byte[68]), CryptoPolicy.RC4_PREFERRED,
                    Duration.ofSeconds(10));
            assertEquals(expected, result.cipher());
            assertEquals(68, responder.get(10, TimeUnit.SECONDS).initialPayload().remaining());
        } finally {
            a.deactivate();
            b.deactivate();
            thread.shutdownNow();
        }
        Thread.sleep(100);
        assertTrue("watchdog threads stopped", Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("swarmsync-mse") && t.isAlive()));
    }

    @Test
    public void paddingAboveTheSpecIsNotConfigurable() {
        try {
            new MseComponent(config(Map.of("max_padding", 513)));
            fail("max_padding 513 accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("512"));
        }
    }
}
