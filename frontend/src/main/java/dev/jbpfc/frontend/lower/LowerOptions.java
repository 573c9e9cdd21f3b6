package dev.jbpfc.frontend.lower;

/**
 * Options of the lowering. {@code cpuVersion} is {@code -mcpu=vN} (1-4): signed division and remainder need v4,
 * as in clang, which reports them as errors below v4.
 */
public record LowerOptions(int cpuVersion) {
    public static LowerOptions defaults() { return new LowerOptions(3); }
}
