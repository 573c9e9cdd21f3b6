package dev.jbpfc.backend;

import dev.jbpfc.isa.CpuVersion;

/**
 * Options of the backend: the {@code -mcpu} level, whether {@code -g} asked for line info, and the source file
 * name for the object's FILE symbol (null for none).
 */
public record BackendOptions(CpuVersion cpu, boolean debugInfo, String sourceName) {
    public static BackendOptions of(CpuVersion cpu) { return new BackendOptions(cpu, false, null); }
}
