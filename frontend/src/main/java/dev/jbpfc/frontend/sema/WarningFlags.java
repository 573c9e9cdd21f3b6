package dev.jbpfc.frontend.sema;

import java.util.List;
import java.util.Map;

/**
 * The command line's warning flags, in their order, as the initial state of each flagged diagnostic; a
 * {@code #pragma clang diagnostic ignored} region then drops it ({@link DiagnosticPragmas}). As in clang-22:
 * <pre>
 *   -Wno-X          X is not reported                     -WX            X is reported again
 *   -Werror=X       X is reported, as an error            -Wno-error=X   X stays a warning under -Werror
 *   -Werror         every warning is an error             -Wno-error     undoes -Werror
 *   -pedantic-errors  warnings about extensions are errors (clang: "[-Werror,-Wpointer-sign]")
 * </pre>
 * A later flag overrides an earlier one for the same diagnostic; a flag naming a group ({@code -Wno-gnu}) acts on
 * every diagnostic in it. Only the groups of the diagnostics jbpfc reports are known here.
 */
public final class WarningFlags {
    public enum Severity { IGNORED, WARNING, ERROR }

    /** Each diagnostic's enclosing group, from clang's diagnostic groups (the ones jbpfc's diagnostics are in). */
    private static final Map<String, String> GROUP = Map.of(
            "gnu-folding-constant", "gnu",
            "incompatible-pointer-types-discards-qualifiers", "incompatible-pointer-types",
            "pointer-bool-conversion", "bool-conversion",
            "bool-conversion", "conversion",
            "int-conversion", "conversion");

    /** clang's extension diagnostics among jbpfc's (ext_ in clang): -pedantic-errors makes them errors. */
    private static final List<String> EXTENSIONS = List.of(
            "gnu-folding-constant", "pointer-sign", "incompatible-pointer-types-discards-qualifiers");

    public static final WarningFlags NONE = new WarningFlags(List.of(), false);

    private final List<String> flags;
    private final boolean warningsAsErrors;

    /** {@code flags} as written ("-Wno-pointer-sign", "-Werror=gnu", "-pedantic-errors"), after -Werror's initial value. */
    public WarningFlags(List<String> flags, boolean warningsAsErrors) {
        this.flags = List.copyOf(flags);
        this.warningsAsErrors = warningsAsErrors;
    }

    /** How the warning {@code flag} ("-Wpointer-sign") is reported. */
    public Severity warning(String flag) { return severity(flag, false); }

    /** How the diagnostic {@code flag} that is an error by default (-Wint-conversion) is reported. */
    public Severity defaultError(String flag) { return severity(flag, true); }

    private Severity severity(String flag, boolean errorByDefault) {
        String name = flag.substring("-W".length());
        // an error by default stays one under -WX, but -Wno-X then -WX leave a warning (as clang-22 does)
        Severity base = errorByDefault ? Severity.ERROR : Severity.WARNING;
        Boolean error = null; // null: as -Werror / -pedantic-errors say
        boolean allErrors = warningsAsErrors, pedanticErrors = false;
        for (String f : flags) {
            switch (f) {
                case "-Werror" -> allErrors = true;
                case "-Wno-error" -> allErrors = false;
                case "-pedantic-errors" -> pedanticErrors = true;
                default -> {
                    if (f.startsWith("-Werror=") && names(f.substring("-Werror=".length()), name)) {
                        if (base == Severity.IGNORED) base = Severity.WARNING;
                        error = true;
                    } else if (f.startsWith("-Wno-error=") && names(f.substring("-Wno-error=".length()), name)) {
                        error = false;
                    } else if (f.startsWith("-Wno-") && names(f.substring("-Wno-".length()), name)) {
                        base = Severity.IGNORED;
                    } else if (names(f.substring("-W".length()), name) && base == Severity.IGNORED) {
                        base = Severity.WARNING;
                    }
                }
            }
        }
        if (base == Severity.IGNORED) return Severity.IGNORED;
        if (error != null) return error ? Severity.ERROR : Severity.WARNING;
        if (base == Severity.ERROR || allErrors || pedanticErrors && EXTENSIONS.contains(name)) return Severity.ERROR;
        return Severity.WARNING;
    }

    /** Whether the flag's {@code group} is {@code name} or a group that holds it. */
    private static boolean names(String group, String name) {
        for (String n = name; n != null; n = GROUP.get(n)) {
            if (n.equals(group)) return true;
        }
        return false;
    }
}
