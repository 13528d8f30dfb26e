package org.swarmsync.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.regex.Pattern;

import org.junit.Test;

/** The packaged launcher, run as a separate JVM exactly as users run it. */
public class LauncherIT {

    private static final String ZERO_SECRET = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private static final String ZERO_READ_ONLY = "R3ZD4TMT6XDJQBW5V6LBVHZRSYOJSMLHQ";
    private static final String ZERO_SHARE = "474c188ef1315b7c1c298059dbbc5e15fd8ab9e9904cf7942af115b5ee2f39f4";

    @Test
    public void secretInfoPrintsTheDerivationOfTheTestVector() throws Exception {
        LauncherRun run = LauncherRun.of("secret", "info", ZERO_SECRET);
        assertEquals(run.stderr(), 0, run.exitCode());
        assertEquals("access:     read-write\n"
                + "read-only:  " + ZERO_READ_ONLY + "\n"
                + "share hash: " + ZERO_SHARE + "\n", run.stdout());
    }

    @Test
    public void secretInfoJsonIsOneObjectAndNothingElseOnStdout() throws Exception {
        LauncherRun run = LauncherRun.of("secret", "info", "--json", ZERO_SECRET);
        assertEquals(run.stderr(), 0, run.exitCode());
        assertEquals("{\"access\":\"read-write\",\"readOnly\":\"" + ZERO_READ_ONLY
                + "\",\"shareHash\":\"" + ZERO_SHARE + "\"}\n", run.stdout());
    }

    @Test
    public void readOnlySecretReportsReadOnlyAccessAndTheSameShare() throws Exception {
        LauncherRun run = LauncherRun.of("secret", "info", "--json", ZERO_READ_ONLY);
        assertEquals(run.stderr(), 0, run.exitCode());
        assertEquals("{\"access\":\"read-only\",\"readOnly\":\"" + ZERO_READ_ONLY
                + "\",\"shareHash\":\"" + ZERO_SHARE + "\"}\n", run.stdout());
    }

    @Test
    public void secretNewMakesAReadWriteSecretThatParses() throws Exception {
        LauncherRun made = LauncherRun.of("secret", "new");
        assertEquals(made.stderr(), 0, made.exitCode());
        String secret = made.stdout().strip();
        assertTrue(secret, Pattern.matches("[A-Z2-7]{32}", secret));
        LauncherRun info = LauncherRun.of("secret", "info", "--json", secret);
        assertEquals(info.stderr(), 0, info.exitCode());
        assertTrue(info.stdout(), info.stdout().startsWith("{\"access\":\"read-write\""));
    }

    @Test
    public void badSecretIsOneLineOnStderrWithExitTwoAndDoesNotEchoTheSecret() throws Exception {
        String bad = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1";
        LauncherRun run = LauncherRun.of("secret", "info", bad);
        assertUsageError(run);
        assertTrue(run.stderr(), run.stderr().contains("invalid secret"));
        assertFalse(run.stderr(), run.stderr().contains(bad));
    }

    @Test
    public void wrongLengthSecretIsAUsageError() throws Exception {
        LauncherRun run = LauncherRun.of("secret", "info", "ABC");
        assertUsageError(run);
        assertTrue(run.stderr(), run.stderr().contains("32 or 33 characters"));
    }

    @Test
    public void missingSecretIsAUsageError() throws Exception {
        assertUsageError(LauncherRun.of("secret", "info"));
    }

    @Test
    public void unknownCommandIsAUsageError() throws Exception {
        LauncherRun run = LauncherRun.of("frobnicate");
        assertUsageError(run);
        assertTrue(run.stderr(), run.stderr().contains("unknown command 'frobnicate'"));
    }

    @Test
    public void unknownOptionIsAUsageError() throws Exception {
        assertUsageError(LauncherRun.of("--frobnicate"));
    }

    @Test
    public void noArgumentsIsAUsageError() throws Exception {
        assertUsageError(LauncherRun.of());
    }

    @Test
    public void helpListsTheCommandsContributedByBundles() throws Exception {
        LauncherRun run = LauncherRun.of("--help");
        assertEquals(run.stderr(), 0, run.exitCode());
        assertTrue(run.stdout(), run.stdout().contains("\n  secret "));
        assertTrue(run.stdout(), run.stdout().contains("\n  shell "));
    }

    @Test
    public void versionPrintsTheBuildVersion() throws Exception {
        LauncherRun run = LauncherRun.of("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.stdout(), Pattern.matches("swarmsync \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n", run.stdout()));
    }

    @Test
    public void shellRunsGogoCommandsAndLeavesAtEndOfInput() throws Exception {
        LauncherRun run = LauncherRun.withInput("lb swarmsync\n", "shell");
        assertEquals(run.stderr(), 0, run.exitCode());
        assertTrue(run.stdout(), Pattern.compile("\\|Active +\\|.*swarmsync secrets").matcher(run.stdout()).find());
    }

    private static void assertUsageError(LauncherRun run) {
        assertEquals(run.stdout() + run.stderr(), 2, run.exitCode());
        assertEquals(run.stderr(), 1, run.stderrLines().size());
        assertTrue(run.stderr(), run.stderr().startsWith("swarmsync"));
        assertFalse(run.stderr(), run.stderr().contains("Exception"));
        assertFalse(run.stderr(), run.stderr().contains("\tat "));
    }
}
