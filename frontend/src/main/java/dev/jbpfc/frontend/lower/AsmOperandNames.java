package dev.jbpfc.frontend.lower;

import dev.jbpfc.diag.CompileError;
import dev.jbpfc.source.SourceLocation;

import java.util.List;
import java.util.Map;

/**
 * Turns the operand references of a GNU asm template into the numbered form the backend reads: named operands
 * {@code %[name]} become {@code %N}, label operands {@code %l[name]} / {@code %lN} become {@code %lN} with N the
 * label's position in the IR constraint list. The kernel selftests name every operand:
 * <pre>
 *   asm volatile("r1 = %[map] ll; call %[bpf_map_lookup_elem]" :: __imm_addr(map), __imm(bpf_map_lookup_elem));
 *     template  ->  "r1 = %0 ll; call %1"
 *   asm volatile goto("may_goto %l[l_break]" :::: l_break);
 *     template  ->  "may_goto %l0"      (no outputs or inputs: the label is operand 0)
 * </pre>
 * GCC numbers outputs, then inputs, then labels; the IR list may hold extra tied inputs (for {@code "+r"}) between
 * the inputs and the labels, so a numeric {@code %lN} is renumbered by {@code extraInputs}. {@code %%}, {@code %=}
 * and plain {@code %N} pass through unchanged. An unknown name is an error, not text left for the assembler.
 */
final class AsmOperandNames {
    private AsmOperandNames() {}

    /**
     * @param names       operand name -> IR operand index (outputs and inputs)
     * @param labels      label name (as written) -> IR operand index of the label
     * @param gccOperands outputs + inputs as written (GCC's numbering of the first label)
     * @param labelBase   IR index of the first label
     */
    static String rewrite(String template, Map<String, Integer> names, Map<String, Integer> labels,
                          int gccOperands, int labelBase, SourceLocation loc) {
        StringBuilder out = new StringBuilder(template.length());
        int k = 0;
        while (k < template.length()) {
            char c = template.charAt(k);
            if (c != '%' || k + 1 >= template.length()) {
                out.append(c);
                k++;
                continue;
            }
            char n = template.charAt(k + 1);
            if (n == '%' || n == '=') {
                out.append(c).append(n);
                k += 2;
                continue;
            }
            boolean label = n == 'l' && k + 2 < template.length()
                    && (template.charAt(k + 2) == '[' || Character.isDigit(template.charAt(k + 2)));
            int start = label ? k + 2 : k + 1;
            if (template.charAt(start) == '[') {
                int close = template.indexOf(']', start);
                if (close < 0) throw new CompileError(loc, "unterminated symbolic operand name in inline asm string");
                String name = template.substring(start + 1, close).trim();
                Integer index = label ? labels.get(name) : names.get(name);
                if (index == null) {
                    throw new CompileError(loc, "invalid operand in inline asm: '" + template.substring(k, close + 1)
                            + "' (no " + (label ? "label" : "operand") + " named '" + name + "')");
                }
                out.append(label ? "%l" : "%").append(index);
                k = close + 1;
                continue;
            }
            if (label) {
                int end = start;
                while (end < template.length() && Character.isDigit(template.charAt(end))) end++;
                int gcc = Integer.parseInt(template.substring(start, end));
                int labelIndex = gcc - gccOperands;
                if (labelIndex < 0 || labelIndex >= labels.size()) {
                    throw new CompileError(loc, "invalid operand in inline asm: '%l" + gcc + "' is not a label operand");
                }
                out.append("%l").append(labelBase + labelIndex);
                k = end;
                continue;
            }
            out.append(c);
            k++;
        }
        return out.toString();
    }

    /** Name -> position for a list of optional names (null entries are unnamed operands). */
    static void index(List<String> names, int base, Map<String, Integer> into) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) != null) into.putIfAbsent(names.get(i), base + i);
        }
    }
}
