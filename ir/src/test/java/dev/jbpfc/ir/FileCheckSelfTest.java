package dev.jbpfc.ir;

import dev.jbpfc.ir.text.FileCheck;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The matcher the pass tests rely on must also fail when it should, or every pass test passes vacuously. */
class FileCheckSelfTest {
    private static final String OUT = "a = 1\nb = 2\n\nc = 3\n";

    @Test
    void matchesInOrder() {
        assertNull(FileCheck.check("; CHECK: a = 1\n; CHECK-NEXT: b =   2\n; CHECK-EMPTY:\n; CHECK-NEXT: c = 3", OUT));
    }

    @Test
    void outOfOrderFails() {
        assertNotNull(FileCheck.check("; CHECK: b = 2\n; CHECK: a = 1", OUT));
    }

    @Test
    void nextMustBeAdjacent() {
        assertNotNull(FileCheck.check("; CHECK: a = 1\n; CHECK-NEXT: c = 3", OUT));
    }

    @Test
    void notBetweenMatches() {
        assertNotNull(FileCheck.check("; CHECK: a\n; CHECK-NOT: b\n; CHECK: c", OUT));
        assertNull(FileCheck.check("; CHECK: a\n; CHECK-NOT: z\n; CHECK: c", OUT));
        assertNotNull(FileCheck.check("; CHECK: b\n; CHECK-NOT: c", OUT));
    }

    @Test
    void regexAndVariables() {
        assertNull(FileCheck.check("; CHECK: [[X:[a-z]]] = {{[0-9]+}}\n; CHECK-NOT: [[X]] =", OUT));
        assertNotNull(FileCheck.check("; CHECK: [[X:[a-z]]] = 1\n; CHECK: [[X]] = 2", OUT));
        assertNull(FileCheck.check("; CHECK: a\n; CHECK-SAME: = 1", OUT));
        assertNotNull(FileCheck.check("; CHECK: a\n; CHECK-SAME: = 2", OUT));
    }

    @Test
    void noDirectivesIsAFailure() {
        assertNotNull(FileCheck.check("; nothing here", OUT));
    }
}
