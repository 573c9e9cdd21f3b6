package dev.jbpfc.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The dependency-file flags, as clang reads them: {@code -M}/{@code -MM} print the dependencies instead of
 * compiling, {@code -MD}/{@code -MMD} write them beside the compilation; the double-M forms leave out headers
 * found in system directories. {@code -MF FILE} names the file, {@code -MT T} adds a target as written,
 * {@code -MQ T} adds one quoted for make, {@code -MP} adds an empty rule for each header.
 */
public final class DependencyOptions {
    /** Whether any of -M, -MM, -MD, -MMD was given. */
    public boolean enabled;
    /** -M or -MM: print the dependencies and compile nothing. */
    public boolean only;
    /** -MM or -MMD: leave out headers from system directories. */
    public boolean userHeadersOnly;
    /** -MP. */
    public boolean phonyTargets;
    /** -MF, or null. */
    public Path file;
    /** -MT and -MQ targets in order, as they go into the file (-MQ's already quoted). */
    public final List<String> targets = new ArrayList<>();

    /**
     * Reads the dependency flag at {@code args[i]}, if it is one: how many arguments it took (1 or 2), 0 if it is
     * none of them. A missing value is reported in {@code errors}.
     */
    int parse(String[] args, int i, List<String> errors) {
        String a = args[i];
        switch (a) {
            case "-M", "-MD" -> { enabled = true; only |= a.equals("-M"); return 1; }
            case "-MM", "-MMD" -> {
                enabled = true;
                userHeadersOnly = true;
                only |= a.equals("-MM");
                return 1;
            }
            case "-MP" -> { phonyTargets = true; return 1; }
            case "-MF", "-MT", "-MQ" -> {
                if (i + 1 >= args.length) {
                    errors.add("argument to '" + a + "' is missing (expected 1 value)");
                    return 1;
                }
                value(a, args[i + 1]);
                return 2;
            }
            default -> {
                if (a.length() > 3 && (a.startsWith("-MF") || a.startsWith("-MT") || a.startsWith("-MQ"))) {
                    value(a.substring(0, 3), a.substring(3));
                    return 1;
                }
                return 0;
            }
        }
    }

    private void value(String flag, String v) {
        switch (flag) {
            case "-MF" -> file = Path.of(v);
            case "-MT" -> targets.add(v);
            default -> targets.add(DependencyFile.quote(v));
        }
    }
}
