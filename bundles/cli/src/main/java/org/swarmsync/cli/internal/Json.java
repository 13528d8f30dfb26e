package org.swarmsync.cli.internal;

import java.util.Map;

/** Writes flat JSON objects of strings, enough for the commands' {@code --json} output. */
final class Json {

    private Json() {
    }

    /** @return the entries as one JSON object, in the map's order */
    static String object(Map<String, String> entries) {
        StringBuilder json = new StringBuilder("{");
        entries.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            string(json, key);
            json.append(':');
            string(json, value);
        });
        return json.append('}').toString();
    }

    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
