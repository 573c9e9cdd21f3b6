package dev.jbpfc.isa;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads clang's BPF assembly syntax back into instructions, by turning every {@link BpfOp} syntax template
 * (both spellings) into a regular expression: the same table the printer uses, read the other way.
 * <pre>
 *   "r1 = *(u32 *)(r2 + 8)"      LDX_W   dst 1, src 2, off 8   (either "w1 =" or "r1 =")
 *   "if w1 > 7 goto l0_1"        JGT32_IMM with jump label l0_1
 *   "r1 = my_map ll"             LD_IMM64 with symbol my_map
 *   "call bpf_func"              CALL with symbol bpf_func (a numeric "call 1" is a helper)
 * </pre>
 * Statements are separated by newlines or ';'; "name:" defines a label ("1:" a GNU local label, "goto 1f"/"1b"
 * its next/previous definition); "//" and "#" start comments, C comments are blanks. Numbers may carry C suffixes
 * ("0xffffffff00000000LL"). Data directives (".byte", ".short", ".long", ".quad", ".8byte") write instructions as
 * their encoding (an ld_imm64 takes two slots); ".rept N" ... ".endr" repeats statements; ".ifc A, B" ... ".else"
 * ... ".endif" keeps statements by comparing two texts.
 * Numeric jump distances ("goto +2") are kept as offsets. Unknown text is an {@link IllegalArgumentException}
 * whose message quotes the statement.
 */
public final class BpfAssembler {
    /** One statement: a label definition, or an instruction with an optional jump label or symbol. */
    public record Statement(String label, BpfInsn insn, String jumpLabel, String symbol) {
        public boolean isLabel() { return label != null; }
    }

    private static final String NUM = "[-+]?\\s*(?:0[xX][0-9a-fA-F]+|\\d+)(?:[uU]?[lL]{0,2})";
    /** A GNU local label reference: "1f" is the next "1:", "1b" the previous one. */
    private static final String LOCAL_REF = "\\d+[fb]";
    private static final String IDENT = "[A-Za-z_.$][\\w.$]*";

    private record Form(BpfOp op, Pattern pattern, List<String> holes) {}

    private static final List<Form> FORMS = new ArrayList<>();
    private static final Pattern LABEL = Pattern.compile("^(" + IDENT + "|\\d+)\\s*:(?!=)");

    static {
        for (BpfOp op : BpfOp.values()) {
            FORMS.add(compile(op, op.syntax));
            if (!op.syntax64.equals(op.syntax)) FORMS.add(compile(op, op.syntax64));
        }
    }

    private BpfAssembler() {}

    private static Form compile(BpfOp op, String syntax) {
        StringBuilder re = new StringBuilder("^\\s*");
        List<String> holes = new ArrayList<>();
        int i = 0;
        while (i < syntax.length()) {
            char c = syntax.charAt(i);
            if (c == '{') {
                int close = syntax.indexOf('}', i);
                String hole = syntax.substring(i + 1, close);
                holes.add(hole);
                switch (hole) {
                    case "rd": case "rs": re.append("r(\\d+)"); break;
                    case "wd": case "ws": re.append("w(\\d+)"); break;
                    case "imm": case "ash": case "asl": re.append("(").append(NUM).append(")"); break;
                    case "imm64": case "call":
                        re.append("(").append(NUM).append("|").append(IDENT).append(")");
                        break;
                    case "off": case "jimm":
                        re.append("(").append(LOCAL_REF).append("|").append(NUM).append("|").append(IDENT).append(")");
                        break;
                    case "moff": re.append("\\s*(").append(NUM).append(")"); break;
                    default: throw new IllegalStateException(hole);
                }
                i = close + 1;
            } else if (c == ' ') {
                re.append("\\s*");
                i++;
            } else {
                // "*(u8 *)(r10 - 8 )" and "r1 = *(u32*)(r2 +96)": spaces are free around punctuation.
                if (!Character.isLetterOrDigit(c)) re.append("\\s*");
                re.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        re.append("\\s*$");
        return new Form(op, Pattern.compile(re.toString()), holes);
    }

    /** Parses assembly text into statements. */
    public static List<Statement> parse(String text) {
        List<Statement> out = new ArrayList<>();
        RawBytes raw = new RawBytes();
        for (String s : expandRepeats(conditionals(statements(text)))) {
            Matcher label = LABEL.matcher(s);
            if (label.find() && label.end() == s.length()) {
                raw.requireEmpty();
                out.add(new Statement(label.group(1), null, null, null));
                continue;
            }
            Matcher data = DATA.matcher(s);
            if (data.matches()) {
                raw.add(data.group(1), number(data.group(2).replaceAll("\\s+", "")), out);
                continue;
            }
            raw.requireEmpty();
            out.add(instruction(s));
        }
        raw.requireEmpty();
        return resolveLocalLabels(out);
    }

    /**
     * The text's statements in order, trimmed and non-empty: split at newlines and ';', comments removed, and
     * each "name:" label a statement of its own.
     */
    private static List<String> statements(String text) {
        List<String> out = new ArrayList<>();
        for (String rawLine : withoutBlockComments(text).split("\n")) {
            String line = rawLine;
            int comment = indexOfComment(line);
            if (comment >= 0) line = line.substring(0, comment);
            for (String stmt : line.split(";")) {
                String s = stmt.trim();
                while (!s.isEmpty()) {
                    Matcher label = LABEL.matcher(s);
                    if (!label.find()) {
                        out.add(s);
                        break;
                    }
                    out.add(s.substring(0, label.end()).trim());
                    s = s.substring(label.end()).trim();
                }
            }
        }
        return out;
    }

    private static final Pattern IFC = Pattern.compile("^\\.(ifc|ifnc)\\s+([^,]*),(.*)$");

    /**
     * GNU as's string conditionals: ".ifc A, B" keeps what follows up to ".else"/".endif" when A and B are the
     * same text (".ifnc" when they differ). The selftests' bpf_addr_space_cast picks the byte that names its
     * register operand this way (".ifc %[reg], r1; .byte 0x11; .endif" for each register).
     */
    private static List<String> conditionals(List<String> in) {
        if (in.stream().noneMatch(s -> s.startsWith(".if"))) return in;
        List<String> out = new ArrayList<>();
        List<boolean[]> open = new ArrayList<>(); // {this branch taken, the enclosing ones all taken}
        boolean active = true;
        for (String s : in) {
            Matcher m = IFC.matcher(s);
            if (m.matches()) {
                boolean same = m.group(2).trim().equals(m.group(3).trim());
                boolean take = m.group(1).equals("ifc") == same;
                open.add(new boolean[] {take, active});
                active = active && take;
            } else if (s.equals(".else")) {
                if (open.isEmpty()) throw new IllegalArgumentException("'.else' without '.ifc'");
                boolean[] top = open.get(open.size() - 1);
                top[0] = !top[0];
                active = top[1] && top[0];
            } else if (s.equals(".endif")) {
                if (open.isEmpty()) throw new IllegalArgumentException("'.endif' without '.ifc'");
                active = open.remove(open.size() - 1)[1];
            } else if (s.startsWith(".if")) {
                throw new IllegalArgumentException("unknown assembler conditional '" + s + "'");
            } else if (active) {
                out.add(s);
            }
        }
        if (!open.isEmpty()) throw new IllegalArgumentException("'.ifc' without '.endif'");
        return out;
    }

    private static final Pattern REPT = Pattern.compile("^\\.rept\\s+(" + NUM + ")$");
    /** Repetitions beyond this are refused: the result must still be a program the kernel can hold. */
    private static final int MAX_REPEATED = 1 << 20;

    /**
     * GNU as's ".rept N" ... ".endr": the statements between, N times (nested blocks too). The selftests' gotol
     * test repeats "r0 += 1" 40,000 times to push a jump beyond 16 bits.
     */
    private static List<String> expandRepeats(List<String> in) {
        if (in.stream().noneMatch(s -> s.startsWith(".rept") || s.equals(".endr"))) return in;
        List<List<String>> open = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        open.add(new ArrayList<>());
        for (String s : in) {
            Matcher m = REPT.matcher(s);
            if (m.matches()) {
                long n = number(m.group(1).replaceAll("\\s+", ""));
                if (n < 0) throw new IllegalArgumentException("'.rept' needs a count of at least 0, not " + n);
                counts.add(n);
                open.add(new ArrayList<>());
            } else if (s.equals(".endr")) {
                if (counts.isEmpty()) throw new IllegalArgumentException("'.endr' without '.rept'");
                List<String> body = open.remove(open.size() - 1);
                long n = counts.remove(counts.size() - 1);
                List<String> into = open.get(open.size() - 1);
                if ((long) body.size() * n + into.size() > MAX_REPEATED) {
                    throw new IllegalArgumentException("'.rept' makes more than " + MAX_REPEATED + " statements");
                }
                for (long k = 0; k < n; k++) into.addAll(body);
            } else if (s.startsWith(".rept")) {
                throw new IllegalArgumentException("'" + s + "' needs a number of repetitions");
            } else {
                open.get(open.size() - 1).add(s);
            }
        }
        if (!counts.isEmpty()) throw new IllegalArgumentException("'.rept' without '.endr'");
        return open.get(0);
    }

    /**
     * ".byte", ".short"/".2byte"/".hword", ".long"/".4byte"/".int", ".quad"/".8byte": an instruction written as
     * data, little-endian, as the selftests write ones clang's assembler has no syntax for
     * (".byte 0xe5; .byte 0; .short -3; .long 0" is may_goto -3). One value per directive.
     */
    private static final Pattern DATA = Pattern.compile(
            "^\\.(byte|short|2byte|hword|long|4byte|int|quad|8byte)\\s+(" + NUM + ")$");

    /** Bytes of data directives waiting to make whole instruction slots (an ld_imm64 takes two). */
    private static final class RawBytes {
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        void add(String directive, long value, List<Statement> out) {
            int width = switch (directive) {
                case "byte" -> 1;
                case "short", "2byte", "hword" -> 2;
                case "long", "4byte", "int" -> 4;
                default -> 8;
            };
            if (width < 8) {
                long lo = -(1L << (8 * width - 1)), hi = (1L << (8 * width)) - 1;
                if (value < lo || value > hi) {
                    throw new IllegalArgumentException("'." + directive + " " + value + "' does not fit in " + width
                            + (width == 1 ? " byte" : " bytes"));
                }
            }
            for (int k = 0; k < width; k++) bytes.write((int) (value >>> (8 * k)));
            byte[] b = bytes.toByteArray();
            if (b.length < 8) return;
            long first = slot(b, 0);
            boolean wide = startsLdImm64(first);
            if (wide && b.length < 16) return;
            if (b.length % 8 != 0 || b.length > 16) {
                throw new IllegalArgumentException("data directives split an instruction: " + b.length + " bytes");
            }
            out.add(new Statement(null, rawInstruction(first, wide ? slot(b, 8) : 0), null, null));
            bytes.reset();
        }

        void requireEmpty() {
            if (bytes.size() == 0) return;
            throw new IllegalArgumentException(bytes.size() < 8 && bytes.size() > 0
                    ? "data directives give " + bytes.size() + " bytes where an instruction takes 8"
                    : "'.8byte' ld_imm64 lacks its second slot");
        }

        private static long slot(byte[] b, int at) {
            long v = 0;
            for (int k = 0; k < 8; k++) v |= (b[at + k] & 0xffL) << (8 * k);
            return v;
        }
    }

    /** Whether the 8-byte slot {@code first} (little-endian, as {@code .8byte} writes it) starts an ld_imm64. */
    public static boolean startsLdImm64(long first) {
        return BpfOp.decode((int) (first & 0xff), (short) (first >>> 16), (int) (first >>> 32)) == BpfOp.LD_IMM64;
    }

    /**
     * Decodes raw instruction slots with the table ({@code second} is read only for an ld_imm64); an opcode it does
     * not know is an error naming the value.
     */
    public static BpfInsn rawInstruction(long first, long second) {
        byte[] code = new byte[16];
        for (int k = 0; k < 8; k++) {
            code[k] = (byte) (first >>> (8 * k));
            code[8 + k] = (byte) (second >>> (8 * k));
        }
        boolean wide = BpfOp.decode(code[0] & 0xff, (short) (first >>> 16), (int) (first >>> 32)) == BpfOp.LD_IMM64;
        BpfInsn insn;
        try {
            insn = BpfDisassembler.disassemble(code, 0, wide ? 16 : 8).get(0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(String.format("'.8byte 0x%x' is not an instruction jbpfc knows", first));
        }
        // Registers past r10 are kept: the selftests write them on purpose, for the verifier to refuse ("R15 is
        // invalid", verifier_uninit.c), and clang's assembler emits such bytes as written.
        return insn;
    }

    /** C comments in the template (the selftests write them between instructions) become a space. */
    private static String withoutBlockComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int k = 0;
        while (k < text.length()) {
            int open = text.indexOf("/*", k);
            if (open < 0) {
                out.append(text, k, text.length());
                break;
            }
            out.append(text, k, open).append(' ');
            int close = text.indexOf("*/", open + 2);
            if (close < 0) throw new IllegalArgumentException("unterminated comment in assembly");
            for (int c = open; c < close; c++) if (text.charAt(c) == '\n') out.append('\n');
            k = close + 2;
        }
        return out.toString();
    }

    /**
     * GNU numeric local labels: "1:" may be defined many times; "goto 1f" means the next definition, "goto 1b"
     * the latest one. Each definition gets its own name ("1#0", "1#1", ...) so later stages see ordinary labels.
     */
    private static List<Statement> resolveLocalLabels(List<Statement> in) {
        Map<String, Integer> defined = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (Statement st : in) {
            if (st.isLabel() && Character.isDigit(st.label().charAt(0))) {
                int n = defined.merge(st.label(), 1, Integer::sum) - 1;
                names.add(st.label() + "#" + n);
            } else {
                names.add(null);
            }
        }
        if (defined.isEmpty() && in.stream().noneMatch(st -> isLocalRef(st.jumpLabel()))) return in;
        List<Statement> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int k = 0; k < in.size(); k++) {
            Statement st = in.get(k);
            if (names.get(k) != null) {
                seen.merge(st.label(), 1, Integer::sum);
                out.add(new Statement(names.get(k), null, null, null));
                continue;
            }
            if (!isLocalRef(st.jumpLabel())) {
                out.add(st);
                continue;
            }
            String ref = st.jumpLabel();
            String num = ref.substring(0, ref.length() - 1);
            int before = seen.getOrDefault(num, 0);
            int target = ref.endsWith("b") ? before - 1 : before;
            if (target < 0 || target >= defined.getOrDefault(num, 0)) {
                throw new IllegalArgumentException("local label '" + ref + "' has no matching '" + num + ":'");
            }
            String label = num + "#" + target;
            BpfInsn insn = st.insn();
            BpfInsn renamed = new BpfInsn(insn.op, insn.dst, insn.src, insn.off, insn.imm, insn.imm64, label);
            out.add(new Statement(null, renamed, label, st.symbol()));
        }
        return out;
    }

    private static boolean isLocalRef(String label) { return label != null && label.matches(LOCAL_REF); }

    private static int indexOfComment(String line) {
        int slash = line.indexOf("//");
        int hash = line.indexOf('#');
        if (slash < 0) return hash;
        if (hash < 0) return slash;
        return Math.min(slash, hash);
    }

    /** Parses one instruction statement. */
    public static Statement instruction(String text) {
        for (Form f : FORMS) {
            Matcher m = f.pattern.matcher(text);
            if (!m.matches()) continue;
            Statement s = build(f, m);
            if (s != null) return s;
        }
        String folded = foldConstants(text);
        if (!folded.equals(text)) return instruction(folded);
        throw new IllegalArgumentException("unknown BPF instruction '" + text.trim() + "'");
    }

    /** "a - b", "a + b", "a * b" of two numbers (an operand substituted into "r0 = %[sz] - 1"), left to right. */
    private static final Pattern ARITH = Pattern.compile(
            "(?<![\\w.])(-?(?:0[xX][0-9a-fA-F]+|\\d+))\\s*([-+*])\\s*(0[xX][0-9a-fA-F]+|\\d+)(?![\\w.])");

    private static String foldConstants(String text) {
        Matcher m = ARITH.matcher(text);
        if (!m.find()) return text;
        long a = number(m.group(1)), b = number(m.group(3));
        long v = switch (m.group(2)) {
            case "-" -> a - b;
            case "+" -> a + b;
            default -> a * b;
        };
        return text.substring(0, m.start()) + v + text.substring(m.end());
    }

    private static Statement build(Form f, Matcher m) {
        Integer dst = null, src = null;
        int off = 0, imm = 0;
        long imm64 = 0;
        String jumpLabel = null, symbol = null;
        int ash = 0, asl = 0;
        Map<String, String> seen = new HashMap<>();
        for (int k = 0; k < f.holes.size(); k++) {
            String hole = f.holes.get(k);
            String v = m.group(k + 1).replaceAll("\\s+", "");
            String key = hole.substring(1);
            if (hole.equals("rd") || hole.equals("wd") || hole.equals("rs") || hole.equals("ws")) {
                if (seen.containsKey(hole.substring(1)) && !seen.get(hole.substring(1)).equals(v)) return null;
                seen.put(key, v);
                int reg = Integer.parseInt(v);
                if (reg > 10) return null;
                if (hole.endsWith("d")) dst = reg;
                else src = reg;
                continue;
            }
            switch (hole) {
                case "imm": {
                    long n = number(v);
                    if (n < Integer.MIN_VALUE || n > 0xffffffffL) return null; // only "ll" takes 64 bits
                    imm = (int) n;
                    break;
                }
                case "ash": ash = (int) number(v); break;
                case "asl": asl = (int) number(v); break;
                case "moff": off = (int) number(v); break;
                case "imm64":
                    if (isNumber(v)) imm64 = number(v);
                    else symbol = v;
                    break;
                case "call":
                    if (isNumber(v)) imm = (int) number(v);
                    else symbol = v;
                    break;
                case "off":
                    if (isNumber(v)) off = (int) number(v);
                    else jumpLabel = v;
                    break;
                case "jimm":
                    if (isNumber(v)) imm = (int) number(v);
                    else jumpLabel = v;
                    break;
                default: throw new IllegalStateException(hole);
            }
        }
        if (f.op.shape == OperandShape.ADDR_SPACE_CAST) imm = (ash << 16) | (asl & 0xffff);
        int d = dst == null ? 0 : dst;
        int s = src == null ? 0 : src;
        if (f.op.shape == OperandShape.CALL && symbol != null) {
            s = 1;
            imm = -1;
        }
        if (f.op.shape == OperandShape.LD_ABS || f.op.shape == OperandShape.LD_IND) d = 0;
        BpfInsn insn = f.op == BpfOp.LD_IMM64
                ? new BpfInsn(f.op, d, s, 0, 0, imm64, symbol)
                : new BpfInsn(f.op, d, s, off, imm, imm, symbol != null ? symbol : jumpLabel);
        return new Statement(null, insn, jumpLabel, symbol);
    }

    private static boolean isNumber(String v) { return v.matches(NUM.replace("\\s*", "")); }

    private static long number(String v) {
        boolean negative = v.startsWith("-");
        String digits = v.replaceFirst("^[-+]", "").replaceFirst("[uUlL]+$", "").toLowerCase();
        // 64 bits, two's complement: "9223372036854775808" and "-9223372036854775808" are both 1 << 63.
        java.math.BigInteger n = digits.startsWith("0x") ? new java.math.BigInteger(digits.substring(2), 16)
                : new java.math.BigInteger(digits);
        if (n.bitLength() > 64) throw new IllegalArgumentException("number '" + v + "' does not fit in 64 bits");
        return negative ? n.negate().longValue() : n.longValue();
    }
}
