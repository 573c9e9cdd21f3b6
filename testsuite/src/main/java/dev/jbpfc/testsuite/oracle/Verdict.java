package dev.jbpfc.testsuite.oracle;

import java.util.List;

/**
 * The kernel's answer for one program of an object, loaded alone (every other program's autoload off).
 *
 * @param program     the program's (function's) name
 * @param section     its ELF section ("xdp", "tc", "?fentry/..." ...)
 * @param type        libbpf's name for its program type ("xdp", "sched_cls" ...)
 * @param loaded      libbpf loaded it: the verifier accepted it and libbpf had everything it needed
 * @param verified    the kernel accepted the program itself, even when libbpf then failed a later step of the
 *                    object's load (filling a prog array's initial slots with programs left unloaded, for one);
 *                    this is the per-program verdict conformance counts
 * @param errno       the load's error number (13 = EACCES is the verifier's "no"), 0 when loaded
 * @param error       the error as text ("Permission denied"), or the open error
 * @param insns       instructions handed to the kernel after libbpf's relocations (subprograms included), -1 if
 *                    unknown
 * @param processed   "processed N insns" from the verifier log, -1 when the kernel never ran the verifier
 * @param logTruncated the level-1 log did not fit; {@code log} is its tail plus a level-4 reload's statistics
 * @param log         the log's last ~30 lines
 * @param libbpfError what libbpf itself warned about during the load (CO-RE failures, unknown sections ...)
 */
public record Verdict(String program, String section, String type, boolean loaded, boolean verified, int errno, String error,
                      int insns, long processed, boolean logTruncated, List<String> log, String libbpfError) {

    /**
     * One line saying why the program did not load: the verifier's message if it ran, else libbpf's first
     * warning, else the error; empty when it loaded.
     */
    public String reason() {
        if (loaded) return "";
        String v = VerifierLog.reason(log);
        if (!v.isEmpty()) return v;
        for (String line : libbpfError.split("\n")) {
            String s = line.replaceFirst("^libbpf: ", "").strip();
            if (!s.isEmpty() && !s.startsWith("failed to load object")) return s;
        }
        return error;
    }

    /** The log's lines joined, for assertion messages. */
    public String logText() {
        return String.join("\n", log);
    }
}
