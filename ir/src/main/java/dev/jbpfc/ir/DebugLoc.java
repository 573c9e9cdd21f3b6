package dev.jbpfc.ir;

/**
 * Where an instruction came from, for .BTF.ext line_info: an index into {@link Module#files()}, a 1-based line and
 * column. Printed as {@code !loc FILE:LINE:COL} at the end of the instruction's line.
 */
public record DebugLoc(int file, int line, int column) {
    @Override
    public String toString() { return file + ":" + line + ":" + column; }
}
