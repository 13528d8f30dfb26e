package org.swarmsync.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;

/**
 * Makes the bundles installed in a kept cache match the jars of the bundle folder: a jar seen
 * for the first time is installed, a jar whose size or modification time changed since it was
 * installed is updated from the jar, and a bundle whose jar is gone (or one installed by hand
 * from the shell) is uninstalled. Everything else is used as the cache holds it, which is the
 * point: no copy and no manifest parse per bundle per start.
 *
 * <p>Size and modification time, not a digest: reading every jar to hash it would cost much of
 * what the cache saves, and a rebuilt jar gets a new time. The stamp also holds the bundle's
 * own last-modified time, so a bundle updated from the shell is put back to its jar.
 */
final class BundleJars {

    static final String STAMPS = "swarmsync-bundles.properties";

    private final BundleContext context;
    private final Path stampsFile;
    private final Properties stamps = new Properties();
    private int changed;

    BundleJars(BundleContext context, Path cacheDir) {
        this.context = context;
        this.stampsFile = cacheDir.resolve(STAMPS);
        try (InputStream in = Files.newInputStream(stampsFile)) {
            stamps.load(in);
        } catch (NoSuchFileException e) {
            // a new cache
        } catch (IOException | IllegalArgumentException e) {
            stamps.clear(); // unreadable: every bundle is refreshed from its jar
        }
    }

    /**
     * @param jars the bundle folder's jars
     * @return the bundles of those jars, in the same order
     */
    List<Bundle> sync(List<Path> jars) throws BundleException, IOException {
        Map<String, Path> wanted = new HashMap<>();
        for (Path jar : jars) {
            wanted.put(location(jar), jar);
        }
        Map<String, Bundle> installed = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() == Constants.SYSTEM_BUNDLE_ID) {
                continue;
            }
            if (wanted.containsKey(bundle.getLocation())) {
                installed.put(bundle.getLocation(), bundle);
            } else {
                bundle.uninstall();
                stamps.remove(bundle.getLocation());
                changed++;
            }
        }
        List<Bundle> result = new ArrayList<>(jars.size());
        Set<String> seen = new HashSet<>();
        for (Path jar : jars) {
            String location = location(jar);
            seen.add(location);
            String jarStamp = Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis();
            Bundle bundle = installed.get(location);
            if (bundle != null && (jarStamp + ":" + bundle.getLastModified()).equals(stamps.getProperty(location))) {
                result.add(bundle);
                continue;
            }
            if (bundle == null) {
                bundle = context.installBundle(location);
            } else {
                try (InputStream in = Files.newInputStream(jar)) {
                    bundle.update(in);
                }
            }
            stamps.setProperty(location, jarStamp + ":" + bundle.getLastModified());
            changed++;
            result.add(bundle);
        }
        if (stamps.keySet().retainAll(seen)) {
            changed++;
        }
        if (changed > 0) {
            save();
        }
        return result;
    }

    /** @return how many bundles the last {@link #sync} installed, updated or uninstalled */
    int changed() {
        return changed;
    }

    private void save() throws IOException {
        Path temp = stampsFile.resolveSibling(STAMPS + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            stamps.store(out, "bundle jar size:modified:bundle modified, by location");
        }
        Files.move(temp, stampsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String location(Path jar) {
        return jar.toAbsolutePath().toUri().toString();
    }
}
