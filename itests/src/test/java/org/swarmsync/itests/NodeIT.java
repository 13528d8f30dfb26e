package org.swarmsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
import org.osgi.framework.Constants;
import org.osgi.util.tracker.ServiceTracker;
import org.swarmsync.api.command.LauncherCommand;
import org.swarmsync.api.secrets.Access;
import org.swarmsync.api.secrets.Secret;
import org.swarmsync.api.secrets.SecretService;

/** A whole node in Felix: every bundle resolves and starts, services answer, restarts are survived. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class NodeIT {

    private static final long SERVICE_WAIT_MILLIS = 10_000;
    private static final String SECRET_COMMAND = "(" + LauncherCommand.NAME + "=secret)";

    @Inject
    private BundleContext context;

    @Inject
    private SecretService secrets;

    @Configuration
    public Option[] config() {
        return new Option[] {NodeOptions.node()};
    }

    @Test
    public void everySwarmsyncBundleIsActive() {
        List<String> swarmsync = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name.startsWith("org.swarmsync.")) {
                swarmsync.add(name);
            }
            boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            assertEquals(name + " is not " + (fragment ? "RESOLVED" : "ACTIVE"), expected, bundle.getState());
        }
        assertTrue("found only " + swarmsync, swarmsync.containsAll(Arrays.asList(
                "org.swarmsync.api", "org.swarmsync.codec", "org.swarmsync.secrets", "org.swarmsync.cli",
                "org.swarmsync.transport-utp", "org.swarmsync.transport-tcp", "org.swarmsync.crypto-mse")));
    }

    @Test
    public void secretServiceAnswersThroughTheRegistry() {
        Secret secret = secrets.parse("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertEquals(Access.READ_WRITE, secret.access());
        assertEquals("R3ZD4TMT6XDJQBW5V6LBVHZRSYOJSMLHQ", secret.readOnly().text());
        assertEquals("474c188ef1315b7c1c298059dbbc5e15fd8ab9e9904cf7942af115b5ee2f39f4",
                secret.shareHash().hex());
    }

    @Test
    public void restartingTheSecretsBundleBringsItsServiceAndItsConsumersBack() throws Exception {
        Bundle provider = bundle("org.swarmsync.secrets");
        provider.stop();
        assertEquals(0, count(SecretService.class, null));
        assertEquals("the secret command needs the service, so it must go too", 0,
                count(LauncherCommand.class, SECRET_COMMAND));

        provider.start();
        SecretService again = await(SecretService.class, null);
        assertEquals(Access.READ_ONLY, again.parse("R3ZD4TMT6XDJQBW5V6LBVHZRSYOJSMLHQ").access());
        assertNotNull("the secret command came back with its dependency", await(LauncherCommand.class, SECRET_COMMAND));
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles())
                .filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError("no bundle " + symbolicName));
    }

    private int count(Class<?> service, String filter) throws Exception {
        return context.getServiceReferences(service, filter).size();
    }

    private <T> T await(Class<T> service, String filter) throws Exception {
        String objectClass = "(" + Constants.OBJECTCLASS + "=" + service.getName() + ")";
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context,
                context.createFilter(filter == null ? objectClass : "(&" + objectClass + filter + ")"), null);
        tracker.open();
        try {
            return tracker.waitForService(SERVICE_WAIT_MILLIS);
        } finally {
            tracker.close();
        }
    }
}
