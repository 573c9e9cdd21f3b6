package dev.jbpfc.testsuite.conformance;

import dev.jbpfc.testsuite.oracle.ObjectVerdicts;

/** One corpus file as both compilers and the kernel saw it. */
public record FileResult(String file, Side reference, Side candidate) {
    /**
     * One compiler's side: the compile, then (if it produced an object) the per-program verdicts, or the reason
     * the oracle could not judge the object (bpfrun crashed or timed out on it).
     */
    public record Side(CompilerCommand.Outcome compile, ObjectVerdicts verdicts, String oracleError) {
        public boolean compiled() {
            return compile.ok();
        }
    }
}
