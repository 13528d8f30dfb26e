package org.swarmsync.sync.internal.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.swarmsync.sync.internal.model.RelativePath;

/**
 * The patterns of a folder's {@code .sync/IgnoreList}, one per line, as Syncthing and Resilio
 * users write them. The first pattern that matches a path decides; a path no pattern matches
 * is synced.
 *
 * <ul>
 * <li>{@code *} matches within one name, {@code ?} one character of a name, {@code [a-z]} and
 * {@code [!a-z]} one character of a set, {@code **} any run of names (slashes included);</li>
 * <li>a pattern without a slash matches a name at any depth ({@code *.tmp}); a pattern with a
 * slash, or starting with one, matches from the folder's root ({@code /build},
 * {@code docs/*.pdf}); a trailing slash is dropped;</li>
 * <li>{@code !} before a pattern keeps what it matches (put exceptions first:
 * {@code !keep.tmp} then {@code *.tmp}); {@code (?i)} before a pattern ignores case;</li>
 * <li>blank lines and lines starting with {@code #} or {@code //} are comments.</li>
 * </ul>
 *
 * A matched directory takes everything in it along: its contents are not even looked at.
 */
public final class IgnoreList {

    /** The list every folder starts with: nothing ignored. */
    public static final IgnoreList EMPTY = new IgnoreList(List.of(), List.of());

    private record Rule(Pattern pattern, boolean keep) {
    }

    private final List<Rule> rules;
    private final List<String> problems;

    private IgnoreList(List<Rule> rules, List<String> problems) {
        this.rules = rules;
        this.problems = problems;
    }

    /**
     * Parses the text of an ignore list. A line that is not a valid pattern is skipped and
     * named in {@link #problems()}, so one typo does not stop the others from working.
     *
     * @param text the file's content
     * @return the list
     */
    public static IgnoreList parse(String text) {
        List<Rule> rules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("//")) {
                continue;
            }
            try {
                rules.add(rule(line));
            } catch (IllegalArgumentException e) {
                problems.add("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new IgnoreList(List.copyOf(rules), List.copyOf(problems));
    }

    /**
     * @param path a path in the folder
     * @return whether the first pattern matching this very path (not its parents) ignores it
     */
    public boolean ignores(RelativePath path) {
        String text = path.text();
        for (Rule rule : rules) {
            if (rule.pattern.matcher(text).matches()) {
                return !rule.keep;
            }
        }
        return false;
    }

    /** @return whether there are no patterns */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** @return the lines skipped as invalid, each naming its line number and why */
    public List<String> problems() {
        return problems;
    }

    private static Rule rule(String line) {
        boolean keep = line.startsWith("!");
        String glob = keep ? line.substring(1) : line;
        boolean ignoreCase = glob.startsWith("(?i)");
        if (ignoreCase) {
            glob = glob.substring(4);
        }
        while (glob.endsWith("/") && glob.length() > 1) {
            glob = glob.substring(0, glob.length() - 1);
        }
        boolean anchored = glob.startsWith("/") || glob.contains("/");
        if (glob.startsWith("/")) {
            glob = glob.substring(1);
        }
        if (glob.isEmpty() || glob.equals("/")) {
            throw new IllegalArgumentException("an empty pattern");
        }
        String regex = (anchored ? "" : "(?:.*/)?") + translate(glob);
        return new Rule(Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0),
                keep);
    }

    /** Turns a glob into a regular expression over a path's text. */
    private static String translate(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*' && glob.startsWith("**", i)) {
                boolean atStart = i == 0 || glob.charAt(i - 1) == '/';
                boolean slashAfter = glob.startsWith("**/", i);
                if (atStart && slashAfter) {
                    regex.append("(?:.*/)?"); // "**/" also matches no directory at all
                    i += 3;
                } else {
                    regex.append(".*");
                    i += 2;
                }
            } else if (c == '*') {
                regex.append("[^/]*");
                i++;
            } else if (c == '?') {
                regex.append("[^/]");
                i++;
            } else if (c == '[') {
                i = characterClass(glob, i, regex);
            } else if (c == '\\' && i + 1 < glob.length()) {
                regex.append(Pattern.quote(String.valueOf(glob.charAt(i + 1))));
                i += 2;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return regex.toString();
    }

    /** Appends the set starting at {@code start} ({@code [}) and returns the index after it. */
    private static int characterClass(String glob, int start, StringBuilder regex) {
        int end = glob.indexOf(']', start + 2);
        if (end < 0) {
            throw new IllegalArgumentException("'[' without a closing ']' in " + glob);
        }
        String body = glob.substring(start + 1, end);
        StringBuilder set = new StringBuilder("[");
        int i = 0;
        if (body.startsWith("!") || body.startsWith("^")) {
            set.append('^');
            i = 1;
        }
        for (; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '-' && i > 0 && i < body.length() - 1) {
                set.append('-');
            } else if (c == '/') {
                throw new IllegalArgumentException("a set cannot hold '/' in " + glob);
            } else if (Character.isLetterOrDigit(c)) {
                set.append(c); // escaping a letter would change its meaning (\d, \w)
            } else {
                set.append('\\').append(c);
            }
        }
        regex.append(set.append("&&[^/]]"));
        return end + 1;
    }
}
