package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.FloatType;
import dev.jbpfc.frontend.types.IntegerType;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decodes literal spellings the parser keeps as written: integer constants (value and type, C11 6.4.4.1: the
 * first of int, long, long long that holds a decimal value; octal and hex also try the unsigned types), character
 * constants (type int, a plain {@code char} value sign-extended since char is signed) and string literals (bytes,
 * adjacent pieces concatenated, escapes decoded, no terminating NUL).
 */
final class Literals {
    private Literals() {}

    /** A decoded integer constant; {@code type} is null when no integer type can hold the value. */
    record IntConstant(BigInteger value, IntegerType type) {}

    /** Returns null on a malformed spelling (the caller reports it). */
    static IntConstant integer(String spelling) {
        IntConstant plain = plainDecimal(spelling);
        if (plain != null) return plain;
        String s = spelling.replace("'", ""); // C23 digit separators
        int end = s.length();
        // Suffix letters only: u/U, l/L, and C23's "wb"/"WB" as a pair, so a hex digit b (0x5cfbULL) stays a digit.
        while (end > 0) {
            if ("uUlL".indexOf(s.charAt(end - 1)) >= 0) end--;
            else if (end > 1 && (s.startsWith("wb", end - 2) || s.startsWith("WB", end - 2))) end -= 2;
            else break;
        }
        String suffix = s.substring(end).toLowerCase();
        String digits = s.substring(0, end);
        int radix = 10;
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.startsWith("0b") || digits.startsWith("0B")) {
            radix = 2;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            radix = 8;
            digits = digits.substring(1);
        }
        if (digits.isEmpty()) return null;
        BigInteger v;
        try {
            v = new BigInteger(digits, radix);
        } catch (NumberFormatException e) {
            return null;
        }
        boolean unsigned = suffix.contains("u");
        int longs = suffix.contains("ll") ? 2 : suffix.contains("l") ? 1 : 0;
        if (!suffix.replace("u", "").replace("ll", "").replace("l", "").isEmpty()) return null;
        IntegerType[] candidates;
        if (unsigned) {
            candidates = longs == 0 ? new IntegerType[]{IntegerType.UINT, IntegerType.ULONG, IntegerType.ULONGLONG}
                    : longs == 1 ? new IntegerType[]{IntegerType.ULONG, IntegerType.ULONGLONG}
                    : new IntegerType[]{IntegerType.ULONGLONG};
        } else if (radix == 10) {
            candidates = longs == 0 ? new IntegerType[]{IntegerType.INT, IntegerType.LONG, IntegerType.LONGLONG}
                    : longs == 1 ? new IntegerType[]{IntegerType.LONG, IntegerType.LONGLONG}
                    : new IntegerType[]{IntegerType.LONGLONG};
        } else {
            candidates = longs == 0 ? new IntegerType[]{IntegerType.INT, IntegerType.UINT, IntegerType.LONG,
                    IntegerType.ULONG, IntegerType.LONGLONG, IntegerType.ULONGLONG}
                    : longs == 1 ? new IntegerType[]{IntegerType.LONG, IntegerType.ULONG, IntegerType.LONGLONG,
                    IntegerType.ULONGLONG}
                    : new IntegerType[]{IntegerType.LONGLONG, IntegerType.ULONGLONG};
        }
        for (IntegerType t : candidates) if (t.canRepresent(v)) return new IntConstant(v, t);
        // clang: a decimal literal too big for long long but fitting unsigned long long is unsigned (warning).
        if (IntegerType.ULONGLONG.canRepresent(v)) return new IntConstant(v, IntegerType.ULONGLONG);
        return new IntConstant(v, null);
    }

    /**
     * The common case without any string or BigInteger parsing: a decimal literal of at most 18 digits, no suffix
     * (vmlinux.h's enumerators and array sizes); null for anything else. Same result as the general path: the
     * first of int, long, long long that holds it.
     */
    private static IntConstant plainDecimal(String s) {
        int n = s.length();
        if (n == 0 || n > 18 || (n > 1 && s.charAt(0) == '0')) return null;
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return null;
            v = v * 10 + (c - '0');
        }
        // 18 digits always fit a long; the first of int, long, long long that holds v is int or long.
        if (v <= Integer.MAX_VALUE) {
            return v < SMALL.length ? SMALL[(int) v] : new IntConstant(BigInteger.valueOf(v), IntegerType.INT);
        }
        return new IntConstant(BigInteger.valueOf(v), IntegerType.LONG);
    }

    /** The literals 0..255 as int constants, made once: the bulk of array sizes, shifts and enumerator values. */
    private static final IntConstant[] SMALL = new IntConstant[256];
    static {
        for (int i = 0; i < SMALL.length; i++) SMALL[i] = new IntConstant(BigInteger.valueOf(i), IntegerType.INT);
    }

    /** A floating constant's value and type ({@code f}: float, {@code l}: long double, else double). */
    static ConstValue floating(String spelling) {
        String s = spelling;
        CType t = FloatType.DOUBLE;
        char last = s.charAt(s.length() - 1);
        if (last == 'f' || last == 'F') {
            t = FloatType.FLOAT;
            s = s.substring(0, s.length() - 1);
        } else if (last == 'l' || last == 'L') {
            t = FloatType.LONG_DOUBLE;
            s = s.substring(0, s.length() - 1);
        }
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                if (!s.contains("p") && !s.contains("P")) s = s + "p0";
            }
            return ConstValue.ofFloat(Double.parseDouble(s), t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The value of a character constant, or null if malformed or multi-character. */
    static BigInteger character(String spelling) {
        int q = spelling.indexOf('\'');
        String prefix = spelling.substring(0, q);
        String body = spelling.substring(q + 1, spelling.length() - 1);
        byte[] bytes = decode(body);
        if (bytes == null || bytes.length == 0) return null;
        if (!prefix.isEmpty()) {
            int cp = new String(bytes, StandardCharsets.UTF_8).codePointAt(0);
            return BigInteger.valueOf(cp);
        }
        if (bytes.length == 1) return BigInteger.valueOf(bytes[0]); // char is signed: sign-extend
        // Multi-character constant: clang packs the bytes big-endian into an int (with a warning).
        long v = 0;
        for (byte b : bytes) v = (v << 8) | (b & 0xff);
        return BigInteger.valueOf((int) v);
    }

    /** The bytes of adjacent string literal pieces; null if a piece has an encoding prefix (not supported yet). */
    static byte[] string(List<String> pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String p : pieces) {
            if (!p.startsWith("\"")) {
                if (p.startsWith("u8\"")) p = p.substring(2);
                else return null;
            }
            byte[] b = decode(p.substring(1, p.length() - 1));
            if (b == null) return null;
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    /** Decodes escapes in the text between quotes; source characters become their UTF-8 bytes. */
    static byte[] decode(String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c != '\\') {
                int cp = body.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
                continue;
            }
            if (i + 1 >= body.length()) return null;
            char e = body.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 'f' -> out.write(12);
                case 'v' -> out.write(11);
                case 'e', 'E' -> out.write(27);
                case '\\', '\'', '"', '?' -> out.write(e);
                case 'x' -> {
                    int start = i;
                    while (i < body.length() && Character.digit(body.charAt(i), 16) >= 0) i++;
                    if (start == i) return null;
                    out.write(new BigInteger(body.substring(start, i), 16).intValue() & 0xff);
                }
                case 'u', 'U' -> {
                    int n = e == 'u' ? 4 : 8;
                    if (i + n > body.length()) return null;
                    int cp = Integer.parseInt(body.substring(i, i + n), 16);
                    i += n;
                    out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        int k = 0;
                        while (k < 2 && i < body.length() && body.charAt(i) >= '0' && body.charAt(i) <= '7') {
                            v = v * 8 + (body.charAt(i) - '0');
                            i++;
                            k++;
                        }
                        out.write(v & 0xff);
                    } else {
                        out.write(e); // unknown escape: clang warns and uses the character
                    }
                }
            }
        }
        return out.toByteArray();
    }
}
