package dev.jbpfc.testsuite.mutation;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceMutatorTest {
    private static final String SOURCE = """
            #include <linux/bpf.h>
            /* a comment, never a token */
            int f(int a, int b) { return a <<= b, "s\\"x" + 'c'; } // tail
            """;

    @Test
    void tokensSkipCommentsAndKeepLiteralsAndPunctuatorsWhole() {
        List<String> tokens = SourceMutator.tokens(SOURCE).stream()
                .map(s -> SOURCE.substring(s.start(), s.end())).toList();
        assertEquals(List.of("#", "include", "<", "linux", "/", "bpf", ".", "h", ">", "int", "f", "(", "int", "a",
                ",", "int", "b", ")", "{", "return", "a", "<<=", "b", ",", "\"s\\\"x\"", "+", "'c'", ";", "}"), tokens);
    }

    @Test
    void theSameSeedGivesTheSameMutantAndSeedsDiffer() {
        Set<String> distinct = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            SourceMutator.Mutant a = SourceMutator.mutate(SOURCE, seed);
            assertEquals(a, SourceMutator.mutate(SOURCE, seed));
            assertFalse(a.edits().isEmpty());
            assertTrue(a.edits().size() <= 3);
            distinct.add(a.text());
        }
        assertTrue(distinct.size() > 150, "distinct mutants of 200: " + distinct.size());
    }

    @Test
    void everyKindOfEditIsMade() {
        Set<String> kinds = new HashSet<>();
        for (long seed = 0; seed < 300; seed++) {
            for (String e : SourceMutator.mutate(SOURCE, seed).edits()) {
                kinds.add(e.substring(0, e.indexOf(' ', e.indexOf(' ') + 1)));
            }
        }
        assertEquals(Set.of("delete token", "duplicate token", "swap token", "replace token", "delete line",
                "duplicate line", "swap line"), kinds);
    }

    @Test
    void aDeletedTokenIsGoneAndADeletedLineLeavesTheLineCount() {
        for (long seed = 0; seed < 300; seed++) {
            SourceMutator.Mutant m = SourceMutator.mutate(SOURCE, seed);
            if (m.edits().size() != 1) continue;
            String e = m.edits().get(0);
            if (e.startsWith("delete line")) {
                assertEquals(SOURCE.split("\n", -1).length, m.text().split("\n", -1).length, e);
                assertNotEquals(SOURCE, m.text());
            } else if (e.startsWith("delete token")) {
                assertEquals(SourceMutator.tokens(SOURCE).size() - 1, SourceMutator.tokens(m.text()).size(), e);
            } else if (e.startsWith("duplicate token")) {
                assertEquals(SourceMutator.tokens(SOURCE).size() + 1, SourceMutator.tokens(m.text()).size(), e);
            }
        }
    }
}
