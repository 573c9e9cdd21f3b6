package dev.jbpfc.loophints;

import java.util.List;

/**
 * Everything the checker found in one function: a verdict per loop hint, and the back edges (slots of backward
 * jumps) that no accepted hint covers. The function is proved to terminate when that list is empty and every
 * loop verdict is accepted.
 */
public record FunctionReport(String section, String name, boolean isProgram, List<LoopVerdict> loops,
                             List<Integer> unhintedBackEdges) {
    public boolean proved() {
        return unhintedBackEdges.isEmpty() && loops.stream().allMatch(LoopVerdict::accepted);
    }
}
