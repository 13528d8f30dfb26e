package org.swarmsync.itests.karaf;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * The Karaf under test: the 4.4.10 distribution from Maven Central unpacked into target/,
 * started with the JVM flags its own bin/karaf passes on Java 17, our artifacts reachable from
 * the reactor's copy, and everything it opens bound to loopback.
 */
final class KarafOptions {

    private static final String MVN_CFG = "etc/org.ops4j.pax.url.mvn.cfg";
    private static final String LAN_CFG = "etc/org.swarmsync.discovery.lan.cfg";
    private static final String NODE_CFG = "etc/org.swarmsync.node.cfg";
    private static final String SHELL_CFG = "etc/org.apache.karaf.shell.cfg";
    private static final String JMX_CFG = "etc/org.apache.karaf.management.cfg";
    private static final String LOG_CFG = "etc/org.ops4j.pax.logging.cfg";

    private KarafOptions() {
    }

    /** Runs in the test's JVM (not in Karaf), so it reads failsafe's system properties. */
    static Option[] karaf() throws IOException {
        String version = required("karaf.version");
        String reactor = Path.of(required("swarmsync.repo")).toUri().toString();
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration()
                        .frameworkUrl(maven("org.apache.karaf", "apache-karaf").type("tar.gz").version(version))
                        .karafVersion(version).name("Apache Karaf").useDeployFolder(false)
                        .unpackDirectory(new File(required("swarmsync.exam"))),
                configureConsole().ignoreLocalConsole(),
                keepRuntimeFolder(),
                logLevel(LogLevel.WARN),
                // Everything swarmsync says goes to karaf.log, so the test can check that no
                // secret is ever in it, and a failure can be read there (target/exam/*/data/log).
                editConfigurationFilePut(LOG_CFG, "log4j2.logger.swarmsync.name", "org.swarmsync"),
                editConfigurationFilePut(LOG_CFG, "log4j2.logger.swarmsync.level", "DEBUG"),
                // Our snapshots come from the reactor's copy; Karaf's and pax-exam's own from
                // the local repository or Central.
                editConfigurationFilePut(MVN_CFG, "org.ops4j.pax.url.mvn.repositories",
                        reactor + "@id=reactor@snapshots, https://repo1.maven.org/maven2@id=central"),
                editConfigurationFilePut(MVN_CFG, "org.ops4j.pax.url.mvn.localRepository",
                        required("org.ops4j.pax.url.mvn.localRepository")),
                // Nothing may leave the machine: LAN pings stay on lo with TTL 0, written before
                // discovery-lan is ever installed; the node and Karaf's own ports bind loopback.
                // (DS names: an attribute method network_interface() reads network.interface.)
                editConfigurationFilePut(LAN_CFG, "network.interface", "lo"),
                editConfigurationFilePut(LAN_CFG, "multicast.ttl", "0"),
                editConfigurationFilePut(NODE_CFG, "bind.address", "127.0.0.1"),
                editConfigurationFilePut(NODE_CFG, "listen.port", Integer.toString(LauncherPeer.freePort())),
                editConfigurationFilePut(SHELL_CFG, "sshHost", "127.0.0.1"),
                editConfigurationFilePut(SHELL_CFG, "sshPort", Integer.toString(LauncherPeer.freePort())),
                editConfigurationFilePut(JMX_CFG, "rmiRegistryHost", "127.0.0.1"),
                editConfigurationFilePut(JMX_CFG, "rmiRegistryPort", Integer.toString(LauncherPeer.freePort())),
                editConfigurationFilePut(JMX_CFG, "rmiServerHost", "127.0.0.1"),
                editConfigurationFilePut(JMX_CFG, "rmiServerPort", Integer.toString(LauncherPeer.freePort())),
                systemProperty("swarmsync.version").value(required("swarmsync.version")),
                systemProperty("swarmsync.jar").value(new File(required("swarmsync.jar")).getAbsolutePath()),
                systemProperty("swarmsync.work").value(new File(required("swarmsync.work")).getAbsolutePath()),
                vmOption("-Xmx512m")));
        options.add(vmOptions(java17Flags(version)));
        return options.toArray(Option[]::new);
    }

    /** What Karaf's bin/karaf adds on Java 9 and later; without it Karaf does not boot on 17. */
    private static String[] java17Flags(String version) {
        return new String[] {
            "--add-reads=java.xml=java.logging",
            "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
            "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + version + ".jar",
            "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + version + ".jar",
            "--add-opens", "java.base/java.security=ALL-UNNAMED",
            "--add-opens", "java.base/java.net=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
            "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
            "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
            "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
            "-classpath", "lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*"
        };
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (failsafe sets it)");
        }
        return value;
    }
}
