package dev.jbpfc.testsuite.oracle;

/**
 * The oracle ran but could not give an answer: bpfrun crashed, timed out, or printed something that is not its
 * JSON. Distinct from a verdict (a rejected program is an answer, not an exception).
 */
public final class OracleException extends RuntimeException {
    public OracleException(String message) {
        super(message);
    }
}
