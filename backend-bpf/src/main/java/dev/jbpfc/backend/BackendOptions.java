package dev.jbpfc.backend;

import dev.jbpfc.isa.CpuVersion;

/**
 * Options of the backend: the {@code -mcpu} level, whether {@code -g} asked for line info, the source file name
 * for the object's FILE symbol (null for none), and whether counted loops are built to the loop-hint templates and
 * get hints ({@code -floop-hints}; off unless asked for, as on the command line; only from -mcpu=v3, where i32
 * loops use w registers).
 */
public record BackendOptions(CpuVersion cpu, boolean debugInfo, String sourceName, boolean loopHints) {
    public BackendOptions(CpuVersion cpu, boolean debugInfo, String sourceName) { this(cpu, debugInfo, sourceName, false); }

    public static BackendOptions of(CpuVersion cpu) { return new BackendOptions(cpu, false, null); }
}
