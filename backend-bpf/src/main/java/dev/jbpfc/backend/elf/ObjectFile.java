package dev.jbpfc.backend.elf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The relocatable object before it is laid out as ELF: named sections in creation order, symbols, relocations.
 * {@link ElfObjectWriter} turns it into bytes. Section symbols are created on demand, when a relocation needs
 * one, as clang does.
 */
public final class ObjectFile {
    private final String sourceName;
    private final Map<String, ObjectSection> sections = new LinkedHashMap<>();
    private final List<ObjectSymbol> symbols = new ArrayList<>();
    /**
     * The first symbol of each name that is not a section symbol: {@link #define} checks every new symbol
     * against the others, which a walk of the list made quadratic (64,000 functions: 20 s).
     */
    private final Map<String, ObjectSymbol> byName = new HashMap<>();

    public ObjectFile(String sourceName) { this.sourceName = sourceName; }

    public String sourceName() { return sourceName; }

    /** The section of that name, created with {@code kind} on first use. */
    public ObjectSection section(String name, ObjectSection.Kind kind) {
        ObjectSection s = sections.get(name);
        if (s == null) {
            s = new ObjectSection(name, kind);
            sections.put(name, s);
        } else if (s.kind != kind) {
            throw new IllegalArgumentException("section " + name + " is " + s.kind + ", not " + kind);
        }
        return s;
    }

    public ObjectSection findSection(String name) { return sections.get(name); }

    public List<ObjectSection> sections() { return new ArrayList<>(sections.values()); }

    public List<ObjectSymbol> symbols() { return Collections.unmodifiableList(symbols); }

    /** The STT_SECTION symbol of a section (relocations to static functions and variables go through it). */
    public ObjectSymbol sectionSymbol(ObjectSection section) {
        if (section.sectionSymbol == null) {
            section.sectionSymbol = new ObjectSymbol(section.name, section, 0, 0, ObjectSymbol.Type.SECTION,
                    ObjectSymbol.Binding.LOCAL);
            symbols.add(section.sectionSymbol);
        }
        return section.sectionSymbol;
    }

    public ObjectSymbol define(String name, ObjectSection section, long value, long size, ObjectSymbol.Type type,
                               ObjectSymbol.Binding binding) {
        if (type != ObjectSymbol.Type.SECTION && byName.containsKey(name)) throw new IllegalArgumentException("symbol '" + name + "' defined twice");
        ObjectSymbol symbol = new ObjectSymbol(name, section, value, size, type, binding);
        symbols.add(symbol);
        if (type != ObjectSymbol.Type.SECTION) byName.put(name, symbol);
        return symbol;
    }

    /** An undefined symbol (extern variable, kfunc, extern global function), GLOBAL or WEAK. */
    public ObjectSymbol external(String name, ObjectSymbol.Type type, boolean weak) {
        ObjectSymbol existing = find(name);
        if (existing != null) return existing;
        ObjectSymbol symbol = new ObjectSymbol(name, null, 0, 0, type,
                weak ? ObjectSymbol.Binding.WEAK : ObjectSymbol.Binding.GLOBAL);
        symbols.add(symbol);
        byName.put(name, symbol);
        return symbol;
    }

    public ObjectSymbol find(String name) {
        return byName.get(name);
    }
}
