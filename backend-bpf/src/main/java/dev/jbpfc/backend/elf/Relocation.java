package dev.jbpfc.backend.elf;

/** One entry of a {@code .rel<section>}: patch the bytes at {@code offset} with the address of {@code symbol}. */
public final class Relocation {
    public final long offset;
    public final ObjectSymbol symbol;
    public final RelocationType type;

    public Relocation(long offset, ObjectSymbol symbol, RelocationType type) {
        this.offset = offset;
        this.symbol = symbol;
        this.type = type;
    }

    @Override public String toString() { return offset + " " + type + " " + symbol.name; }
}
