package org.swarmsync.discovery.tracker.internal.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;

import org.junit.Test;

public class AnnounceScheduleTest {

    private static final ClientOptions EXACT = new ClientOptions(Duration.ofSeconds(180), Duration.ofSeconds(15),
            Duration.ofSeconds(120), 0.0, Duration.ofSeconds(10));

    @Test
    public void dueAtOnceThenAfterTheIntervalWhileTheTrackerAnswers() {
        AnnounceSchedule s = new AnnounceSchedule(EXACT, new SplittableRandom(1), 1_000);
        assertTrue(s.isDue(1_000));
        s.sent(1_000);
        assertTrue(s.awaiting());
        assertTrue(s.replied(1_050));
        assertFalse(s.awaiting());
        assertEquals(1_050 + 180_000, s.nextAt());
        assertFalse(s.isDue(1_050 + 179_999));
    }

    @Test
    public void aSilentTrackerIsRetriedWithDoublingDelaysUpToTheCap() {
        AnnounceSchedule s = new AnnounceSchedule(EXACT, new SplittableRandom(1), 0);
        long now = 0;
        long[] expected = {15_000, 30_000, 60_000, 120_000, 120_000, 120_000};
        for (long delay : expected) {
            s.sent(now);
            assertEquals(delay, s.nextAt() - now);
            now = s.nextAt();
        }
        assertEquals(5, s.silences());
        s.sent(now);
        assertTrue("an answer ends the back-off", s.replied(now + 10));
        assertEquals(0, s.silences());
        s.sent(s.nextAt());
        assertEquals(15_000, s.retryDelay());
    }

    @Test
    public void anUnexpectedReplyIsRefused() {
        AnnounceSchedule s = new AnnounceSchedule(EXACT, new SplittableRandom(1), 0);
        assertFalse("nothing sent yet", s.replied(5));
        s.sent(10);
        assertTrue(s.replied(20));
        assertFalse("a duplicate or forged second reply", s.replied(30));
    }

    @Test
    public void refreshAsksAtOnceButNotMoreOftenThanTheGap() {
        AnnounceSchedule s = new AnnounceSchedule(EXACT, new SplittableRandom(1), 0);
        s.sent(0);
        s.replied(100);
        s.refresh(2_000);
        assertEquals("10 s after the last request", 10_000, s.nextAt());

        AnnounceSchedule later = new AnnounceSchedule(EXACT, new SplittableRandom(1), 0);
        later.sent(0);
        later.replied(100);
        later.refresh(50_000);
        assertEquals("long after the last request: at once", 50_000, later.nextAt());
    }

    @Test
    public void jitterStaysWithinItsBandAndSpreadsClients() {
        ClientOptions jittered = new ClientOptions(Duration.ofSeconds(100), Duration.ofSeconds(10),
                Duration.ofSeconds(100), 0.2, Duration.ZERO);
        SplittableRandom random = new SplittableRandom(42);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 1_000; i++) {
            AnnounceSchedule s = new AnnounceSchedule(jittered, random, 0);
            s.sent(0);
            s.replied(0);
            min = Math.min(min, s.nextAt());
            max = Math.max(max, s.nextAt());
        }
        assertTrue(min >= 80_000 && max <= 120_000);
        assertTrue("spread " + min + ".." + max, max - min > 30_000);
    }
}
