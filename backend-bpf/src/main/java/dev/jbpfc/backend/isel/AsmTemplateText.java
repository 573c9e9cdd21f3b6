package dev.jbpfc.backend.isel;

import dev.jbpfc.diag.CompileError;

import java.util.List;
import java.util.function.Function;

/**
 * Fills an inline-asm template's operand references with the text selection chose for each operand, before the
 * assembler reads it:
 * <pre>
 *   "r1 = %0 ll; call %1; if r0 == 0 goto %l2"   operands [map, 1, jbpfc_asmgoto_3_1]
 *   -> "r1 = map ll; call 1; if r0 == 0 goto jbpfc_asmgoto_3_1"
 * </pre>
 * Forms: {@code %N}, {@code %[N]}, {@code ${N}}, {@code %lN} (a label operand of asm goto; the frontend has
 * already numbered {@code %[name]} and {@code %l[name]}), {@code %=} (a number unique to this asm statement) and
 * {@code %%}. Anything else is left as written, for the assembler to reject with the statement quoted.
 */
final class AsmTemplateText {
    private AsmTemplateText() {}

    static String substitute(String template, List<String> operands, String unique, Function<String, CompileError> error) {
        StringBuilder out = new StringBuilder(template.length() + 16);
        int k = 0;
        while (k < template.length()) {
            char c = template.charAt(k);
            if ((c == '%' || c == '$') && k + 1 < template.length()) {
                char n = template.charAt(k + 1);
                if (c == '%' && n == '%') { out.append('%'); k += 2; continue; }
                if (c == '%' && n == '=') { out.append(unique); k += 2; continue; }
                int start = k + 1;
                if (c == '%' && n == 'l' && k + 2 < template.length() && Character.isDigit(template.charAt(k + 2))) start++;
                boolean braced = start == k + 1 && (n == '[' || n == '{');
                if (braced) start++;
                int end = start;
                while (end < template.length() && Character.isDigit(template.charAt(end))) end++;
                if (end > start) {
                    int index = Integer.parseInt(template.substring(start, end));
                    if (index >= operands.size()) throw error.apply("inline asm refers to operand " + index + ", which does not exist");
                    out.append(operands.get(index));
                    k = braced && end < template.length() ? end + 1 : end;
                    continue;
                }
            }
            out.append(c);
            k++;
        }
        return out.toString();
    }
}
