package dev.jbpfc.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compiler's own sources (every module the API runs) keep no state between compilations and write to no
 * stream: no static field that is not final (a cache, a counter), no System.out / System.err / System.exit. Static
 * final tables are allowed: they are filled by static initialisers, which the JVM runs once, before any thread
 * sees them. This is what lets {@link BpfCompiler} run compilations on many threads at once
 * ({@link ParallelCompilationTest} checks the result); a new static cache breaks this test, not a user's build.
 */
class NoGlobalStateTest {
    static final List<String> MODULES = List.of("grammar", "ir", "bpf-isa", "btf-emit", "loop-hints", "frontend",
            "backend-bpf", "api");
    /** A field declaration with {@code static} and without {@code final}: {@code private static int next = 0;}. */
    static final Pattern STATIC_FIELD = Pattern.compile(
            "^\\s*(?:(?:public|protected|private|volatile|transient)\\s+)*static\\s+(?!final\\b)(?:(?:volatile|transient)\\s+)*"
                    + "(?!class\\b|interface\\b|enum\\b|record\\b|abstract\\b|synchronized\\b|native\\b|void\\b|<)"
                    + "[\\w.<>\\[\\], ?]+\\s+\\w+\\s*(?:=[^(]*|=.*new\\b.*)?;");
    static final Pattern STREAMS = Pattern.compile("System\\s*\\.\\s*(?:out|err|exit)\\b");

    /** What a scan found, and how many files it read (a guard against scanning nothing). */
    record Scan(List<String> found, int files) {}

    static Scan scan() throws IOException {
        List<String> found = new ArrayList<>();
        int scanned = 0;
        for (String m : MODULES) {
            Path src = Path.of("..", m, "src/main/java");
            try (Stream<Path> s = Files.walk(src)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    List<String> lines = Files.readAllLines(f);
                    scanned++;
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i);
                        String code = line.replaceFirst("//.*", "");
                        if (code.trim().startsWith("*") || code.trim().startsWith("/*")) continue; // javadoc
                        if (STATIC_FIELD.matcher(code).find() || STREAMS.matcher(code).find()) {
                            found.add(f + ":" + (i + 1) + ": " + line.trim());
                        }
                    }
                }
            }
        }
        return new Scan(found, scanned);
    }

    @Test
    void noStaticMutableFieldsAndNoStandardStreams() throws IOException {
        Scan s = scan();
        assertEquals(List.of(), s.found());
        assertTrue(s.files() > 200, "read " + s.files() + " source files");
    }

    @Test
    void thePatternsFindWhatTheyAreFor() {
        assertTrue(STATIC_FIELD.matcher("    private static int counter = 0;").find());
        assertTrue(STATIC_FIELD.matcher("static Map<String, Integer> cache = new HashMap<>();").find());
        assertTrue(STATIC_FIELD.matcher("    public static volatile long nextId;").find());
        assertTrue(!STATIC_FIELD.matcher("    private static final int LIMIT = 4;").find());
        assertTrue(!STATIC_FIELD.matcher("    static int parse(String s) {").find());
        assertTrue(!STATIC_FIELD.matcher("    public static final class Builder {").find());
        assertTrue(!STATIC_FIELD.matcher("    private static <T> T call(Supplier<T> task) {").find());
        assertTrue(!STATIC_FIELD.matcher("    static String join(String dir, String name) {").find());
        assertTrue(STREAMS.matcher("System.err.println(x);").find());
    }
}
