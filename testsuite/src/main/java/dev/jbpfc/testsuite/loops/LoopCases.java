package dev.jbpfc.testsuite.loops;

import java.util.Random;

/** Case number {@code seed} of the campaign: a generated function, then (85% of cases) one or two mutations. */
final class LoopCases {
    private LoopCases() {}

    private static void mutateOnce(LoopCase c, Random r) {
        c.invalidate();
        Mutation[] all = Mutation.values();
        for (int attempt = 0; attempt < 10; attempt++) {
            Mutation m = all[r.nextInt(all.length)];
            LoopSpec l = c.loops.get(r.nextInt(c.loops.size()));
            if (m.apply(c, l, r)) {
                c.mutations.add(m.name());
                c.targets.add(m == Mutation.NESTED_WRITES_OUTER_IV || m == Mutation.NESTED_SHARES_REGISTER ? l.parent : l);
                return;
            }
        }
    }

    private static boolean same(LoopCase a, LoopCase b) {
        return java.util.Arrays.equals(a.asm.assemble(), b.asm.assemble()) && a.function().tags().equals(b.function().tags());
    }

    static LoopCase make(long seed) {
        LoopCase fresh = LoopGenerator.generate(seed);
        Random r = LoopGenerator.streamAfter(seed);
        if (r.nextInt(100) < 15) return fresh;
        fresh.asm.assemble();   // mutations may read the true positions; the Asm stays editable
        int n = r.nextInt(5) == 0 ? 2 : 1;
        for (int i = 0; i < n; i++) mutateOnce(fresh, r);
        // two mutations can cancel (trips + 1, then - 1): a mutated case must differ from the correct one
        LoopCase correct = LoopGenerator.generate(seed);
        for (int extra = 0; extra < 5 && same(correct, fresh); extra++) {
            fresh.asm.assemble();
            mutateOnce(fresh, r);
        }
        return fresh;
    }
}
