package dev.jbpfc.api;

/**
 * One loop left in the optimised code of an object: where it is, in which function, the loop-hint template it was
 * built to ({@code template}, null when none) with its trip bound, or the reason none fits. Filled for
 * {@link CompileOptions.Output#OBJECT}; a loop built to a template gets a hint only with
 * {@link CompileOptions.Builder#loopHints}.
 */
public record LoopReport(String file, int line, int column, String function, String template, long trips, String reason) {}
