package dev.jbpfc.frontend.sema;

import dev.jbpfc.diag.Diagnostics;

import java.util.HashMap;
import java.util.Map;

/**
 * One named section holds code or data, never both (clang's "section type conflict"): the ELF writer gives each
 * section one kind, so a variable moved into a program's section is an error here, not a crash later.
 * <pre>
 *   SEC("tp/syscalls/sys_enter_getpgid") long hits = 0;
 *   SEC("tp/syscalls/sys_enter_getpgid") int prog(void *ctx) { ... }
 *       error: 'prog' causes a section type conflict with 'hits'
 *       note: declared here   (at hits)
 * </pre>
 * As clang: a function counts when it is declared with the section, a variable when it is defined (a tentative
 * definition at the end of the file); the first symbol seen in a section decides its kind.
 */
final class SectionConflicts {
    private final Diagnostics diags;
    private final Map<String, Symbol> first;
    private final Trail trail;

    SectionConflicts(Diagnostics diags) {
        this(diags, new HashMap<>(), null);
    }

    /** Sections as {@code first} says (the file-scope state a batch input takes over), changes recorded in trail. */
    SectionConflicts(Diagnostics diags, Map<String, Symbol> first, Trail trail) {
        this.diags = diags;
        this.first = first;
        this.trail = trail;
    }

    Map<String, Symbol> state() { return first; }

    /** Records {@code s} in its explicit section (none: nothing to check), reporting a clash of code and data. */
    void add(Symbol s, String section) {
        if (section == null) return;
        Symbol earlier = first.putIfAbsent(section, s);
        if (earlier == null && trail != null) trail.add(() -> first.remove(section));
        if (earlier == null || earlier == s || isCode(earlier) == isCode(s)) return;
        diags.error(s.location(), "'" + s.name() + "' causes a section type conflict with '" + earlier.name() + "'");
        diags.note(earlier.location(), "declared here");
    }

    private static boolean isCode(Symbol s) {
        return s instanceof FunctionSymbol;
    }
}
