package dev.jbpfc.api;

/**
 * A file a compilation read, as {@code -MD} lists it: the main file first, then each header as its
 * {@code #include} found it ({@code path} as spelled: the search directory, "/", the name). {@code system} is true
 * for headers found in a system directory ({@code -isystem}, {@code -idirafter}, /usr/include), which
 * {@code -MMD} leaves out. jbpfc's own built-in headers (stddef.h, ...) are not files and are never listed.
 */
public record Dependency(String path, boolean system) {}
