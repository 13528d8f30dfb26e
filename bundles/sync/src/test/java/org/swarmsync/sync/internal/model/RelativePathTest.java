package org.swarmsync.sync.internal.model;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class RelativePathTest {

    private static boolean inside(String link, String target) {
        return RelativePath.of(link).linkStaysInside(target);
    }

    @Test
    public void relativeTargetsThatStayBelowTheRootAreInside() {
        assertTrue(inside("link", "file.txt"));
        assertTrue(inside("a/b/link", "../../top.txt"));
        assertTrue(inside("a/link", "./b/../c"));
        assertTrue(inside("a/link", "../a/../a/x"));
    }

    @Test
    public void absoluteEmptyAndClimbingTargetsAreOutside() {
        assertFalse(inside("link", "/etc/passwd"));
        assertFalse(inside("link", ""));
        assertFalse(inside("link", ".."));
        assertFalse(inside("link", "../outside"));
        assertFalse(inside("a/b/link", "../../../x"));
        assertFalse("climbing out and back in still passes outside", inside("a/link", "../../a/x"));
        assertFalse(inside("link", "C:\\Windows"));
        assertFalse(inside("link", "\\\\server\\share"));
        assertFalse(inside("a/link", "..\\..\\x"));
    }
}
