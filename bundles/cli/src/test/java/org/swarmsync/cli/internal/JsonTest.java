package org.swarmsync.cli.internal;

import static org.junit.Assert.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.Test;

public class JsonTest {

    @Test
    public void writesEntriesInOrder() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("access", "read-write");
        entries.put("shareHash", "47");
        assertEquals("{\"access\":\"read-write\",\"shareHash\":\"47\"}", Json.object(entries));
    }

    @Test
    public void escapesQuotesBackslashesAndControlCharacters() {
        assertEquals("{\"k\":\"a\\\"b\\\\c\\nd\\u0001\"}", Json.object(Map.of("k", "a\"b\\c\nd\u0001")));
    }

    @Test
    public void emptyObject() {
        assertEquals("{}", Json.object(Map.of()));
    }
}
