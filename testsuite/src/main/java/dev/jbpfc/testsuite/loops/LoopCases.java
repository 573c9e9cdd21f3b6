package dev.jbpfc.testsuite.loops;

import java.util.Random;

/** Case number {@code seed} of the campaign: a generated function, then (85% of cases) one or two mutations. */
final class LoopCases {
    private LoopCases() {}

    static LoopCase make(long seed) {
        LoopCase fresh = LoopGenerator.generate(seed);
        Random r = LoopGenerator.streamAfter(seed);
        if (r.nextInt(100) < 15) return fresh;
        fresh.asm.assemble();   // mutations may read the true positions; the Asm stays editable
        int n = r.nextInt(5) == 0 ? 2 : 1;
        Mutation[] all = Mutation.values();
        for (int i = 0; i < n; i++) {
            for (int attempt = 0; attempt < 10; attempt++) {
                Mutation m = all[r.nextInt(all.length)];
                LoopSpec l = fresh.loops.get(r.nextInt(fresh.loops.size()));
                if (m.apply(fresh, l, r)) {
                    fresh.mutations.add(m.name());
                    break;
                }
            }
        }
        return fresh;
    }
}
