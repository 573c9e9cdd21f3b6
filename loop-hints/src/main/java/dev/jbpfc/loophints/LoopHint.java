package dev.jbpfc.loophints;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One loop hint: what a compiler claims about one loop of one function, in the text that travels as the value of
 * a {@code BTF_KIND_DECL_TAG} on the function's FUNC type (component index -1). Every field is a claim the
 * template loop checker verifies against the instructions; nothing here is trusted.
 *
 * <p>Example: the C loop {@code for (u32 i = 0; i < n; i++) s += p[i & 63];} built to the counted-up template
 * with {@code i} in r6 and {@code n} in r7, its body at instructions 5..14 of its function (the back edge is 14):
 * <pre>
 *   jbpfc.loop/1:counted-up:start=5,end=14,iv=r6,width=32,signed=u,cmp=lt,step=1,limit=r7,init=0,trips=4294967295
 * </pre>
 * {@code trips} is the largest number of times the body can run: here the bound register's largest 32-bit value
 * less the initial value. With {@code limit=100} it would be 100.
 *
 * <p>Format (version 1): {@code jbpfc.loop/VERSION:TEMPLATE:KEY=VALUE,KEY=VALUE,...}, ASCII, no spaces, keys in
 * any order, each exactly once. The keys of version 1 (all required):
 * <ul>
 *   <li>{@code start}, {@code end}: the loop's first and last instruction, as 8-byte slot indexes relative to the
 *       function's first instruction (an {@code ld_imm64} takes two slots); {@code end} is the back edge.
 *   <li>{@code iv}: the induction register, {@code r0}..{@code r9}.
 *   <li>{@code width}: {@code 32} (ALU32/JMP32 on the w-register) or {@code 64}.
 *   <li>{@code signed}: {@code s} or {@code u}, the signedness of the exit compare.
 *   <li>{@code cmp}: the back edge's compare, {@code lt}, {@code le} (counting up), {@code gt}, {@code ge}
 *       (counting down): the loop continues while {@code iv CMP limit}.
 *   <li>{@code step}: the constant added (up) or subtracted (down) at the latch, a positive decimal.
 *   <li>{@code limit}: a register {@code rN} the loop never writes, or a decimal constant (may be negative).
 *   <li>{@code init}: the constant the induction register holds on entry (decimal, may be negative).
 *   <li>{@code trips}: the claimed largest number of body executions, an unsigned decimal (up to 2^64-1).
 * </ul>
 * {@link #decode} reports any deviation as a {@link LoopHintFormatException}: a checker treats such a hint as
 * rejected, never as absent.
 */
public record LoopHint(int version, String template, int start, int end, int iv, int width, boolean signed,
                       Compare cmp, long step, Limit limit, long init, long trips) {

    /** The prefix of every loop hint's tag value; tags without it belong to someone else and are ignored. */
    public static final String PREFIX = "jbpfc.loop/";
    public static final int VERSION = 1;
    private static final List<String> KEYS =
            List.of("start", "end", "iv", "width", "signed", "cmp", "step", "limit", "init", "trips");

    /** The back edge's compare: the loop goes round while {@code iv CMP limit}. */
    public enum Compare {
        LT("lt"), LE("le"), GT("gt"), GE("ge");
        public final String text;

        Compare(String text) { this.text = text; }

        public boolean countsUp() { return this == LT || this == LE; }

        static Compare parse(String s) {
            for (Compare c : values()) if (c.text.equals(s)) return c;
            throw new LoopHintFormatException("cmp must be lt, le, gt or ge, not '" + s + "'");
        }
    }

    /** The bound the induction register is compared with: a register or a constant. */
    public record Limit(boolean isRegister, int register, long constant) {
        public static Limit register(int reg) { return new Limit(true, reg, 0); }

        public static Limit constant(long value) { return new Limit(false, -1, value); }

        @Override public String toString() { return isRegister ? "r" + register : Long.toString(constant); }
    }

    public LoopHint {
        Objects.requireNonNull(template);
        Objects.requireNonNull(cmp);
        Objects.requireNonNull(limit);
    }

    /** Whether a DECL_TAG value is meant as a loop hint (well-formed or not). */
    public static boolean isLoopHint(String tagValue) {
        return tagValue != null && tagValue.startsWith(PREFIX);
    }

    public String encode() {
        return PREFIX + version + ":" + template + ":start=" + start + ",end=" + end + ",iv=r" + iv + ",width=" + width
                + ",signed=" + (signed ? "s" : "u") + ",cmp=" + cmp.text + ",step=" + step + ",limit=" + limit
                + ",init=" + init + ",trips=" + Long.toUnsignedString(trips);
    }

    @Override public String toString() { return encode(); }

    /** Parses a tag value; anything but exactly the version-1 form is a {@link LoopHintFormatException}. */
    public static LoopHint decode(String text) {
        if (!isLoopHint(text)) throw new LoopHintFormatException("not a loop hint (no '" + PREFIX + "' prefix)");
        if (text.length() > 512) throw new LoopHintFormatException("loop hint longer than 512 characters");
        String rest = text.substring(PREFIX.length());
        String[] parts = rest.split(":", -1);
        if (parts.length != 3) throw new LoopHintFormatException("expected VERSION:TEMPLATE:FIELDS after the prefix");
        int version = (int) number(parts[0], "version", 1, Integer.MAX_VALUE);
        if (version != VERSION) throw new LoopHintFormatException("unsupported loop hint version " + version);
        String template = parts[1];
        if (!template.matches("[a-z][a-z0-9-]{0,63}")) throw new LoopHintFormatException("bad template name '" + template + "'");
        Map<String, String> fields = new LinkedHashMap<>();
        for (String kv : parts[2].split(",", -1)) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new LoopHintFormatException("field '" + kv + "' is not KEY=VALUE");
            String key = kv.substring(0, eq);
            if (!KEYS.contains(key)) throw new LoopHintFormatException("unknown field '" + key + "'");
            if (fields.put(key, kv.substring(eq + 1)) != null) throw new LoopHintFormatException("field '" + key + "' given twice");
        }
        for (String k : KEYS) if (!fields.containsKey(k)) throw new LoopHintFormatException("field '" + k + "' is missing");
        int start = (int) number(fields.get("start"), "start", 0, Integer.MAX_VALUE);
        int end = (int) number(fields.get("end"), "end", 0, Integer.MAX_VALUE);
        int iv = register(fields.get("iv"), "iv");
        int width = (int) number(fields.get("width"), "width", 32, 64);
        if (width != 32 && width != 64) throw new LoopHintFormatException("width must be 32 or 64");
        String s = fields.get("signed");
        if (!s.equals("s") && !s.equals("u")) throw new LoopHintFormatException("signed must be s or u");
        Compare cmp = Compare.parse(fields.get("cmp"));
        long step = number(fields.get("step"), "step", 1, Long.MAX_VALUE);
        String l = fields.get("limit");
        Limit limit = l.startsWith("r") ? Limit.register(register(l, "limit")) : Limit.constant(number(l, "limit", Long.MIN_VALUE, Long.MAX_VALUE));
        long init = number(fields.get("init"), "init", Long.MIN_VALUE, Long.MAX_VALUE);
        long trips;
        try {
            String t = fields.get("trips");
            if (!t.matches("[0-9]{1,20}")) throw new NumberFormatException();
            trips = Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            throw new LoopHintFormatException("trips must be an unsigned decimal below 2^64");
        }
        return new LoopHint(version, template, start, end, iv, width, s.equals("s"), cmp, step, limit, init, trips);
    }

    private static long number(String text, String what, long min, long max) {
        if (!text.matches("-?[0-9]{1,19}")) throw new LoopHintFormatException(what + " must be a decimal number, not '" + text + "'");
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new LoopHintFormatException(what + " is out of range");
        }
        if (v < min || v > max) throw new LoopHintFormatException(what + " " + v + " is out of range [" + min + ", " + max + "]");
        return v;
    }

    private static int register(String text, String what) {
        if (!text.matches("r[0-9]")) throw new LoopHintFormatException(what + " must be a register r0..r9, not '" + text + "'");
        return text.charAt(1) - '0';
    }
}
