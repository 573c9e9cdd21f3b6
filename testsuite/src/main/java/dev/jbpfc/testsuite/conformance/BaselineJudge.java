package dev.jbpfc.testsuite.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides what the conformance guard reports, judging jbpfc against clang-22 on the same machine in the same run.
 * A program counts against jbpfc only when jbpfc's object of it verified in the baseline, no longer does, and
 * clang-22's object of it still verifies here. When clang's object is refused here too, the machine rather than
 * the compiler may be at fault (machines of one kind differ: arena maps, trampolines, module kfuncs), and the
 * program is "not judged here" with the environment's reason, never a failure.
 *
 * <p>Example: the baseline says {@code arena_list.c arena_list_add yes}; on a machine that refuses arena maps,
 * jbpfc's object now fails with "map 'arena': failed to create: Operation not permitted". clang's object fails
 * the same way here, so the judgement is {@code not judged here (environment: arena maps are refused here ...)}.
 * Had clang's object verified, it would be a regression and the guard would fail.
 *
 * <p>Clang's verdicts are asked for lazily, only for programs that would otherwise be regressions, so a guard
 * run with nothing to report compiles nothing with clang.
 */
public final class BaselineJudge {
    private BaselineJudge() {}

    /** jbpfc's verdict on one program: {@code yes}, {@code no}, {@code no-object}, ..., and why when not yes. */
    public record Outcome(String verdict, String why) {
        public boolean verified() { return verdict.equals("yes"); }
    }

    /** clang-22's verdict on the same program here, in this run. */
    public record Reference(boolean verified, String reason) {}

    /** What the guard reports; it fails exactly when {@code regressions} is not empty. */
    public record Judgement(List<String> regressions, List<String> notJudged, List<String> improvements) {
        public boolean passed() { return regressions.isEmpty(); }
    }

    /**
     * @param baseline  program key to jbpfc's recorded verdict
     * @param now       program key to jbpfc's verdict in this run (a key absent here was not in the object)
     * @param clangHere clang-22's verdict here for a program key (compiled and verified on demand)
     * @param explain   what of this machine's probed features explains a refusal, if anything does
     */
    public static Judgement judge(Map<String, Outcome> baseline, Map<String, Outcome> now,
                                  Function<String, Reference> clangHere, Function<String, Optional<String>> explain) {
        List<String> regressions = new ArrayList<>(), notJudged = new ArrayList<>(), improvements = new ArrayList<>();
        for (Map.Entry<String, Outcome> b : baseline.entrySet()) {
            if (!b.getValue().verified()) continue;
            Outcome n = now.get(b.getKey());
            if (n != null && n.verified()) continue;
            String got = n == null ? "missing from the object" : n.verdict() + (n.why().isEmpty() ? "" : " (" + n.why() + ")");
            Reference ref = clangHere.apply(b.getKey());
            if (ref.verified()) {
                regressions.add(b.getKey() + ": " + got + "; clang-22's object verifies here");
            } else {
                String env = explain.apply(ref.reason())
                        .orElse("clang-22's object is refused here too: " + ref.reason());
                notJudged.add(b.getKey() + ": not judged here (environment: " + env + ")");
            }
        }
        for (Map.Entry<String, Outcome> n : now.entrySet()) {
            Outcome b = baseline.get(n.getKey());
            if (n.getValue().verified() && (b == null || !b.verified())) improvements.add(n.getKey());
        }
        return new Judgement(regressions, notJudged, improvements);
    }
}
