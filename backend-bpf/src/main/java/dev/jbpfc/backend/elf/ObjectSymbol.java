package dev.jbpfc.backend.elf;

/**
 * A symbol of the object: a function (STT_FUNC, with its size), a global object (STT_OBJECT), a section symbol
 * (relocations against static functions and variables use these, with the offset in the instruction), an
 * undefined external ({@code extern int x __ksym;}, a kfunc) or the FILE symbol naming the source.
 */
public final class ObjectSymbol {
    public enum Type { NOTYPE(0), OBJECT(1), FUNC(2), SECTION(3), FILE(4);
        public final int code;
        Type(int code) { this.code = code; } }

    public enum Binding { LOCAL(0), GLOBAL(1), WEAK(2);
        public final int code;
        Binding(int code) { this.code = code; } }

    public enum Visibility { DEFAULT(0), INTERNAL(1), HIDDEN(2), PROTECTED(3);
        public final int code;
        Visibility(int code) { this.code = code; } }

    public final String name;
    /** Null for undefined (extern) symbols and the FILE symbol. */
    public final ObjectSection section;
    public long value;
    public long size;
    public final Type type;
    public final Binding binding;
    public Visibility visibility = Visibility.DEFAULT;

    ObjectSymbol(String name, ObjectSection section, long value, long size, Type type, Binding binding) {
        this.name = name;
        this.section = section;
        this.value = value;
        this.size = size;
        this.type = type;
        this.binding = binding;
    }

    public boolean isLocal() { return binding == Binding.LOCAL; }

    @Override public String toString() { return name + "@" + (section == null ? "UND" : section.name) + "+" + value; }
}
