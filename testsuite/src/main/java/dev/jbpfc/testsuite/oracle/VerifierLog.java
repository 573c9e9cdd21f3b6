package dev.jbpfc.testsuite.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the kernel verifier's log. The last lines of a rejected program's log (log level 1|4) look like
 * <pre>
 *   12: (71) r0 = *(u8 *)(r1 +20)
 *   invalid access to packet, off=20 size=1, R1(id=0,off=20,r=0)
 *   R1 offset is outside of the packet
 *   verification time 38 usec
 *   stack depth 0
 *   processed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0
 * </pre>
 * so the reason is the text between the last instruction line and the statistics, and the work done is the
 * count in "processed N insns". Older kernels printed "processed 2 insns, stack depth 0"; some 6.x lines omit
 * or add fields after the count, so only "processed", the number and "insn" are relied on.
 */
public final class VerifierLog {
    private static final Pattern PROCESSED = Pattern.compile("\\bprocessed (\\d+) insns?\\b");
    /** "12: (71) r0 = ...", "12: R1=ctx() ...", "from 3 to 5: ...", "; source line @ file.c:9", "func#0 @0". */
    private static final Pattern TRACE = Pattern.compile(
            "^(\\d+: |\\d+: \\(|from \\d+ to \\d+|; |func#\\d+|Func#\\d+|Validating |Live regs|\\s*\\d+: )");
    private static final Pattern STATS = Pattern.compile(
            "^(verification time|stack depth|processed \\d+ insn|-- log truncated)");

    private VerifierLog() {
    }

    /** The last "processed N insns" count in the text, if any. */
    public static OptionalLong processedInsns(String log) {
        Matcher m = PROCESSED.matcher(log);
        long found = -1;
        while (m.find()) found = Long.parseLong(m.group(1));
        return found < 0 ? OptionalLong.empty() : OptionalLong.of(found);
    }

    /**
     * Why the verifier refused a program, from its log's last lines: the message lines after the last instruction
     * trace and before the statistics, joined with " / "; empty when the log has no such lines.
     */
    public static String reason(List<String> logTail) {
        int end = logTail.size();
        for (int i = 0; i < logTail.size(); i++) {
            if (STATS.matcher(logTail.get(i)).find()) { end = i; break; }
        }
        int start = 0;
        for (int i = end - 1; i >= 0; i--) {
            if (TRACE.matcher(logTail.get(i)).find()) { start = i + 1; break; }
        }
        List<String> msg = new ArrayList<>();
        for (int i = start; i < end; i++) {
            String s = logTail.get(i).strip();
            if (!s.isEmpty()) msg.add(s);
        }
        return String.join(" / ", msg);
    }
}
