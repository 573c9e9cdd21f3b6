package dev.jbpfc.testsuite.oracle;

/**
 * A tool the oracle needs is missing or broken (clang-22, gcc, libbpf, the bpf syscall, the corpus). The message
 * says what is missing and how to get it; {@link OracleRequirement} turns it into a skipped or failed test.
 */
public final class OracleUnavailableException extends Exception {
    public OracleUnavailableException(String message) {
        super(message);
    }
}
