package dev.jbpfc.testsuite.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbpfc.testsuite.conformance.BaselineJudge.Judgement;
import dev.jbpfc.testsuite.conformance.BaselineJudge.Outcome;
import dev.jbpfc.testsuite.conformance.BaselineJudge.Reference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The guard's rule on verdict tables made up to look like two machines of one kind that differ. */
class BaselineJudgeTest {
    private static final String ARENA_REFUSED = "map 'arena': failed to create: Operation not permitted(-1)";
    private static final Function<String, Optional<String>> EXPLAIN = reason -> reason.contains("arena")
            ? Optional.of("arena maps are refused here (Operation not permitted)") : Optional.empty();

    private static Map<String, Outcome> baseline() {
        Map<String, Outcome> b = new LinkedHashMap<>();
        b.put("arena_list.c\tarena_list_add", new Outcome("yes", ""));
        b.put("arena_list.c\tarena_list_del", new Outcome("yes", ""));
        b.put("xdp_dummy.c\txdp_dummy_prog", new Outcome("yes", ""));
        b.put("test_global_func1.c\tglobal_func1", new Outcome("no", ""));
        return b;
    }

    @Test
    void aMachineThatRefusesArenaMapsDoesNotFailTheGuard() {
        Map<String, Outcome> now = new LinkedHashMap<>(baseline());
        now.put("arena_list.c\tarena_list_add", new Outcome("no", ARENA_REFUSED));
        now.put("arena_list.c\tarena_list_del", new Outcome("no", ARENA_REFUSED));
        List<String> asked = new ArrayList<>();
        Judgement j = BaselineJudge.judge(baseline(), now, key -> {
            asked.add(key);
            return key.startsWith("arena") ? new Reference(false, ARENA_REFUSED) : new Reference(true, "");
        }, EXPLAIN);
        assertTrue(j.passed(), () -> "regressions: " + j.regressions());
        assertEquals(2, j.notJudged().size());
        assertTrue(j.notJudged().get(0).contains("not judged here (environment: arena maps are refused here"), j.notJudged().get(0));
        assertEquals(List.of("arena_list.c\tarena_list_add", "arena_list.c\tarena_list_del"), asked,
                "clang is asked only about would-be regressions");
    }

    @Test
    void aRefusalNothingProbedExplainsStillNamesClangsReason() {
        Map<String, Outcome> now = new LinkedHashMap<>(baseline());
        now.put("xdp_dummy.c\txdp_dummy_prog", new Outcome("no", "R0 !read_ok"));
        Judgement j = BaselineJudge.judge(baseline(), now, key -> new Reference(false, "some kernel refusal"), EXPLAIN);
        assertTrue(j.passed());
        assertEquals(List.of("xdp_dummy.c\txdp_dummy_prog: not judged here (environment: clang-22's object is refused here too: some kernel refusal)"),
                j.notJudged());
    }

    @Test
    void aRegressionOnAProgramClangVerifiesHereFailsTheGuard() {
        Map<String, Outcome> now = new LinkedHashMap<>(baseline());
        now.put("xdp_dummy.c\txdp_dummy_prog", new Outcome("no", "R0 !read_ok"));
        Judgement j = BaselineJudge.judge(baseline(), now, key -> new Reference(true, ""), EXPLAIN);
        assertFalse(j.passed());
        assertEquals(List.of("xdp_dummy.c\txdp_dummy_prog: no (R0 !read_ok); clang-22's object verifies here"), j.regressions());
    }

    @Test
    void aProgramMissingFromTheObjectIsARegressionAndImprovementsAreListed() {
        Map<String, Outcome> now = new LinkedHashMap<>(baseline());
        now.remove("xdp_dummy.c\txdp_dummy_prog");
        now.put("test_global_func1.c\tglobal_func1", new Outcome("yes", ""));
        Judgement j = BaselineJudge.judge(baseline(), now, key -> new Reference(true, ""), EXPLAIN);
        assertEquals(List.of("xdp_dummy.c\txdp_dummy_prog: missing from the object; clang-22's object verifies here"), j.regressions());
        assertEquals(List.of("test_global_func1.c\tglobal_func1"), j.improvements());
    }
}
