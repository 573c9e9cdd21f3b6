package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.types.CType;

import java.util.HashMap;
import java.util.Map;

/**
 * One scope (C11 6.2.1): file, function body, block or function prototype. Ordinary identifiers and tags are
 * separate name spaces ({@code struct stat} and a function {@code stat} coexist); lookups walk outwards.
 */
public final class Scope {
    public enum Kind { FILE, FUNCTION, BLOCK, PROTOTYPE }

    private final Kind kind;
    private final Scope parent;
    /**
     * Made on the first declaration: most scopes are function prototypes (every function pointer member of
     * vmlinux.h's structs has one) that never declare anything.
     */
    private Map<String, Symbol> ordinary;
    /** Tag name to its RecordType or EnumType (made on the first tag, like {@link #ordinary}). */
    private Map<String, CType> tags;
    /** The file scope of a batch analysis records its declarations here (see {@link Trail}); else null. */
    Trail trail;

    public Scope(Kind kind, Scope parent) {
        this.kind = kind;
        this.parent = parent;
    }

    /**
     * A file scope for {@code topLevelDecls} declarations, its maps made at about their final size (vmlinux.h:
     * ~1.3 ordinary names per declaration, enumerators counted, and ~0.75 tags) instead of growing by rehashing.
     */
    static Scope file(int topLevelDecls) {
        Scope s = new Scope(Kind.FILE, null);
        s.ordinary = new HashMap<>(2 * topLevelDecls + 16);
        s.tags = new HashMap<>(topLevelDecls + 16);
        return s;
    }

    public Kind kind() { return kind; }

    public Scope parent() { return parent; }

    public boolean isFile() { return kind == Kind.FILE; }

    /** The symbol declared in this scope itself, or null. */
    public Symbol localOrdinary(String name) { return ordinary == null ? null : ordinary.get(name); }

    public CType localTag(String name) { return tags == null ? null : tags.get(name); }

    public Symbol lookupOrdinary(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Symbol sym = s.localOrdinary(name);
            if (sym != null) return sym;
        }
        return null;
    }

    public CType lookupTag(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            CType t = s.localTag(name);
            if (t != null) return t;
        }
        return null;
    }

    public void declare(Symbol symbol) {
        if (ordinary == null) ordinary = new HashMap<>();
        Map<String, Symbol> names = ordinary;
        String name = symbol.name();
        Symbol hidden = names.put(name, symbol);
        if (trail != null) trail.add(() -> putBack(names, name, hidden));
    }

    public void declareTag(String name, CType recordOrEnum) {
        if (tags == null) tags = new HashMap<>();
        Map<String, CType> names = tags;
        CType hidden = names.put(name, recordOrEnum);
        if (trail != null) trail.add(() -> putBack(names, name, hidden));
    }

    private static <V> void putBack(Map<String, V> map, String name, V old) {
        if (old == null) map.remove(name);
        else map.put(name, old);
    }

    public Scope file() {
        Scope s = this;
        while (s.parent != null) s = s.parent;
        return s;
    }
}
