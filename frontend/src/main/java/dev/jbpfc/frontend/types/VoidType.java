package dev.jbpfc.frontend.types;

/** {@code void}: an incomplete type that can never be completed. */
public enum VoidType implements CType {
    VOID;

    @Override
    public long size() { throw new IllegalStateException("sizeof(void)"); }

    /** GNU C treats void as size 1 for pointer arithmetic and sizeof; alignment 1 matches that. */
    @Override
    public int align() { return 1; }

    @Override
    public boolean isComplete() { return false; }

    @Override
    public String toString() { return "void"; }
}
