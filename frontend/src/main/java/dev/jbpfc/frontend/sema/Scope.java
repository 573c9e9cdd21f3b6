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
    private final Map<String, Symbol> ordinary = new HashMap<>();
    /** Tag name to its RecordType or EnumType. */
    private final Map<String, CType> tags = new HashMap<>();

    public Scope(Kind kind, Scope parent) {
        this.kind = kind;
        this.parent = parent;
    }

    public Kind kind() { return kind; }

    public Scope parent() { return parent; }

    public boolean isFile() { return kind == Kind.FILE; }

    /** The symbol declared in this scope itself, or null. */
    public Symbol localOrdinary(String name) { return ordinary.get(name); }

    public CType localTag(String name) { return tags.get(name); }

    public Symbol lookupOrdinary(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Symbol sym = s.ordinary.get(name);
            if (sym != null) return sym;
        }
        return null;
    }

    public CType lookupTag(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            CType t = s.tags.get(name);
            if (t != null) return t;
        }
        return null;
    }

    public void declare(Symbol symbol) { ordinary.put(symbol.name(), symbol); }

    public void declareTag(String name, CType recordOrEnum) { tags.put(name, recordOrEnum); }

    public Scope file() {
        Scope s = this;
        while (s.parent != null) s = s.parent;
        return s;
    }
}
