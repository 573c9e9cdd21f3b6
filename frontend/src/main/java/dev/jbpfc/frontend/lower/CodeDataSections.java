package dev.jbpfc.frontend.lower;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.sema.ObjectSymbol;
import dev.jbpfc.frontend.sema.Symbol;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Global;
import dev.jbpfc.ir.Module;

import java.util.HashMap;
import java.util.Map;

/**
 * An ELF section of the object holds code or data, never both; sema reports two explicit {@code section}
 * attributes that clash (clang's "section type conflict"), this reports the clashes with the sections jbpfc picks
 * itself, which clang lets through into an object libbpf cannot use:
 * <pre>
 *   int x __attribute__((section(".text"))) = 1;     int p(void *ctx) { return x; }
 *       error: variable 'x' is in section '.text', which holds functions; a section holds code or data, not both
 *   int y = 1;     __attribute__((section(".data"))) int q(void *ctx) { return y; }
 *       error: variable 'y' is in section '.data', which holds functions; ...
 * </pre>
 * (Found by CorpusMutationTest; the ELF writer threw on them.) Reported at the variable.
 */
final class CodeDataSections {
    private CodeDataSections() {}

    static void check(Module module, Map<Symbol, String> names, Diagnostics diags) {
        Map<String, String> codeSections = new HashMap<>();
        for (Function f : module.functions()) codeSections.putIfAbsent(f.section(), f.name());
        if (codeSections.isEmpty()) return;
        Map<String, ObjectSymbol> byName = new HashMap<>();
        for (Map.Entry<Symbol, String> e : names.entrySet()) {
            if (e.getKey() instanceof ObjectSymbol o) byName.put(e.getValue(), o);
        }
        for (Global g : module.globals()) {
            if (g.linkage().isExtern() || !codeSections.containsKey(g.section())) continue;
            ObjectSymbol o = byName.get(g.name());
            diags.error(o != null ? o.location() : null, "variable '" + (o != null ? o.name() : g.name())
                    + "' is in section '" + g.section() + "', which holds functions; a section holds code or data,"
                    + " not both");
        }
    }
}
