package dev.jbpfc.frontend.pp;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.source.SourceLocation;

import java.util.List;

/**
 * Evaluates the controlling expression of {@code #if}/{@code #elif} (C11 6.10.1) after macro expansion and after
 * {@code defined}/{@code __has_*} have become numbers: integer constant arithmetic in intmax_t/uintmax_t (64 bits
 * for BPF), with the usual arithmetic conversions (one unsigned operand makes the operation unsigned), short
 * circuits that suppress division-by-zero errors in the unevaluated arm, and remaining identifiers as 0.
 * Character constants take the BPF target's values: plain char is signed, wchar_t is int.
 */
final class IfExpression {
    /** A value and whether its type is uintmax_t. */
    private record Value(long v, boolean unsigned) {
        boolean isTrue() { return v != 0; }
    }

    private static final class Failed extends RuntimeException {
        Failed() { super(null, null, false, false); }
    }

    private final List<Token> toks;
    private final Diagnostics diags;
    private final SourceLocation directive;
    private int pos;

    private IfExpression(List<Token> toks, Diagnostics diags, SourceLocation directive) {
        this.toks = toks;
        this.diags = diags;
        this.directive = directive;
    }

    /** The truth of the expression; an error is reported and counts as false. */
    static boolean evaluate(List<Token> toks, Diagnostics diags, SourceLocation directive, String directiveName) {
        if (toks.isEmpty()) {
            diags.error(directive, "expected value in expression");
            return false;
        }
        IfExpression e = new IfExpression(toks, diags, directive);
        try {
            Value v = e.comma(true);
            if (e.pos < toks.size()) {
                Token t = toks.get(e.pos);
                if (t.is(")")) e.fail(t, "token is not a valid binary operator in a preprocessor subexpression");
                e.fail(t, "token is not a valid binary operator in a preprocessor subexpression");
            }
            return v.isTrue();
        } catch (Failed f) {
            return false;
        }
    }

    private Failed fail(Token at, String message) {
        diags.error(at == null ? directive : at.location, message);
        throw new Failed();
    }

    private Token peek() { return pos < toks.size() ? toks.get(pos) : null; }

    private boolean accept(String punct) {
        Token t = peek();
        if (t != null && t.kind == Token.Kind.PUNCT && t.text.equals(punct)) {
            pos++;
            return true;
        }
        return false;
    }

    private Value comma(boolean eval) {
        Value v = conditional(eval);
        while (accept(",")) v = conditional(eval);
        return v;
    }

    private Value conditional(boolean eval) {
        Value c = binary(0, eval);
        if (!accept("?")) return c;
        Value a = comma(eval && c.isTrue());
        if (!accept(":")) {
            Token t = peek();
            fail(t, "expected ':' in preprocessor expression");
        }
        Value b = conditional(eval && !c.isTrue());
        boolean u = a.unsigned || b.unsigned;
        return new Value(c.isTrue() ? a.v : b.v, u);
    }

    /** Binary operator precedence, higher binds tighter; 0 for "not a binary operator". */
    private static int precedence(Token t) {
        if (t == null || t.kind != Token.Kind.PUNCT) return 0;
        switch (t.text) {
            case "||": return 1;
            case "&&": return 2;
            case "|": return 3;
            case "^": return 4;
            case "&": return 5;
            case "==": case "!=": return 6;
            case "<": case ">": case "<=": case ">=": return 7;
            case "<<": case ">>": return 8;
            case "+": case "-": return 9;
            case "*": case "/": case "%": return 10;
            default: return 0;
        }
    }

    private Value binary(int minPrec, boolean eval) {
        Value left = unary(eval);
        while (true) {
            Token op = peek();
            int prec = precedence(op);
            if (prec == 0 || prec <= minPrec) return left;
            pos++;
            if (op.text.equals("&&")) {
                Value right = binary(prec, eval && left.isTrue());
                left = new Value(left.isTrue() && right.isTrue() ? 1 : 0, false);
            } else if (op.text.equals("||")) {
                Value right = binary(prec, eval && !left.isTrue());
                left = new Value(left.isTrue() || right.isTrue() ? 1 : 0, false);
            } else {
                Value right = binary(prec, eval);
                left = apply(op, left, right, eval);
            }
        }
    }

    private Value apply(Token op, Value a, Value b, boolean eval) {
        boolean u = a.unsigned || b.unsigned;
        long x = a.v;
        long y = b.v;
        switch (op.text) {
            case "*": return new Value(x * y, u);
            case "/":
            case "%": {
                if (y == 0) {
                    if (eval) fail(op, (op.text.equals("/") ? "division" : "remainder") + " by zero in preprocessor expression");
                    return new Value(0, u);
                }
                if (op.text.equals("/")) return new Value(u ? Long.divideUnsigned(x, y) : x / y, u);
                return new Value(u ? Long.remainderUnsigned(x, y) : x % y, u);
            }
            case "+": return new Value(x + y, u);
            case "-": return new Value(x - y, u);
            case "<<": return new Value(y < 0 || y >= 64 ? 0 : x << y, a.unsigned);
            case ">>": {
                if (y < 0 || y >= 64) return new Value(a.unsigned || x >= 0 ? 0 : -1, a.unsigned);
                return new Value(a.unsigned ? x >>> y : x >> y, a.unsigned);
            }
            case "<": return bool(u ? Long.compareUnsigned(x, y) < 0 : x < y);
            case ">": return bool(u ? Long.compareUnsigned(x, y) > 0 : x > y);
            case "<=": return bool(u ? Long.compareUnsigned(x, y) <= 0 : x <= y);
            case ">=": return bool(u ? Long.compareUnsigned(x, y) >= 0 : x >= y);
            case "==": return bool(x == y);
            case "!=": return bool(x != y);
            case "&": return new Value(x & y, u);
            case "^": return new Value(x ^ y, u);
            case "|": return new Value(x | y, u);
            default: throw fail(op, "token is not a valid binary operator in a preprocessor subexpression");
        }
    }

    private static Value bool(boolean b) { return new Value(b ? 1 : 0, false); }

    private Value unary(boolean eval) {
        Token t = peek();
        if (t == null) {
            Token last = toks.isEmpty() ? null : toks.get(toks.size() - 1);
            throw fail(last, "expected value in expression");
        }
        pos++;
        switch (t.kind) {
            case NUMBER: return number(t);
            case CHAR: return character(t);
            case IDENTIFIER: return new Value(0, false);
            case PUNCT:
                switch (t.text) {
                    case "(": {
                        Value v = comma(eval);
                        if (!accept(")")) {
                            Token at = peek();
                            diags.error(at == null ? t.location : at.location, "expected ')' in preprocessor expression");
                            diags.note(t.location, "to match this '('");
                            throw new Failed();
                        }
                        return v;
                    }
                    case "+": return unary(eval);
                    case "-": {
                        Value v = unary(eval);
                        return new Value(-v.v, v.unsigned);
                    }
                    case "~": {
                        Value v = unary(eval);
                        return new Value(~v.v, v.unsigned);
                    }
                    case "!": {
                        Value v = unary(eval);
                        return bool(!v.isTrue());
                    }
                    default:
                        break;
                }
                break;
            case STRING:
                throw fail(t, "invalid token at start of a preprocessor expression");
            default:
                break;
        }
        throw fail(t, "invalid token at start of a preprocessor expression");
    }

    private Value number(Token t) {
        String s = t.text;
        int n = s.length();
        int radix = 10;
        int i = 0;
        if (s.length() > 1 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')) {
            radix = 16;
            i = 2;
        } else if (s.length() > 1 && s.charAt(0) == '0' && (s.charAt(1) == 'b' || s.charAt(1) == 'B')) {
            radix = 2;
            i = 2;
        } else if (s.charAt(0) == '0') {
            radix = 8;
        }
        int digitsStart = i;
        long v = 0;
        boolean overflow = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            int d = Character.digit(c, radix);
            if (c == '\'') continue;
            if (d < 0) break;
            long nv = v * radix + d;
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, radix)) > 0
                    || Long.compareUnsigned(nv, v * radix) < 0) {
                overflow = true;
            }
            v = nv;
        }
        if (radix == 16 && i == digitsStart) throw fail(t, "invalid suffix '" + s.substring(i) + "' on integer constant");
        // Anything left is a suffix: u, l, ll in any order/case. A '.', 'e' or 'p' means a floating constant.
        String suffix = s.substring(i);
        if (radix != 16 && (suffix.startsWith(".") || suffix.startsWith("e") || suffix.startsWith("E"))
                || radix == 16 && (suffix.startsWith(".") || suffix.startsWith("p") || suffix.startsWith("P"))) {
            throw fail(t, "floating point literal in preprocessor expression");
        }
        if (radix == 8) {
            for (int k = 0; k < i; k++) {
                if (s.charAt(k) > '7') throw fail(t, "invalid digit '" + s.charAt(k) + "' in octal constant");
            }
        }
        boolean unsigned = false;
        String rest = suffix.toLowerCase();
        if (rest.indexOf('u') >= 0) {
            unsigned = true;
            rest = rest.replaceFirst("u", "");
        }
        if (!(rest.isEmpty() || rest.equals("l") || rest.equals("ll") || rest.equals("wb"))
                || suffix.equals("lL") || suffix.equals("Ll")) {
            throw fail(t, "invalid suffix '" + suffix + "' on integer constant");
        }
        if (overflow) throw fail(t, "integer literal is too large to be represented in any integer type");
        if (!unsigned && v < 0) {
            if (radix == 10) {
                diags.warning(t.location, "integer literal is too large to be represented in a signed integer type, "
                        + "interpreting as unsigned [-Wimplicitly-unsigned-literal]");
            }
            unsigned = true;
        }
        return new Value(v, unsigned);
    }

    private Value character(Token t) {
        String s = t.text;
        int q = s.indexOf('\'');
        String prefix = s.substring(0, q);
        int i = q + 1;
        int end = s.length() - 1;
        long value = 0;
        int count = 0;
        while (i < end) {
            long c;
            char ch = s.charAt(i++);
            if (ch == '\\' && i < end) {
                char e = s.charAt(i++);
                switch (e) {
                    case 'n': c = '\n'; break;
                    case 't': c = '\t'; break;
                    case 'r': c = '\r'; break;
                    case 'a': c = 7; break;
                    case 'b': c = '\b'; break;
                    case 'f': c = '\f'; break;
                    case 'v': c = 11; break;
                    case 'e': case 'E': c = 27; break;
                    case 'x': {
                        c = 0;
                        while (i < end && Character.digit(s.charAt(i), 16) >= 0) c = c * 16 + Character.digit(s.charAt(i++), 16);
                        break;
                    }
                    case 'u': case 'U': {
                        int len = e == 'u' ? 4 : 8;
                        c = 0;
                        for (int k = 0; k < len && i < end; k++) c = c * 16 + Character.digit(s.charAt(i++), 16);
                        break;
                    }
                    default:
                        if (e >= '0' && e <= '7') {
                            c = e - '0';
                            for (int k = 0; k < 2 && i < end && s.charAt(i) >= '0' && s.charAt(i) <= '7'; k++) {
                                c = c * 8 + (s.charAt(i++) - '0');
                            }
                        } else {
                            c = e;
                        }
                }
            } else {
                c = ch;
            }
            count++;
            if (prefix.isEmpty()) value = (value << 8) | (c & 0xff);
            else value = c;
        }
        switch (prefix) {
            case "":
                if (count <= 1) return new Value((byte) value, false); // plain char is signed on BPF
                return new Value((int) value, false);
            case "L": return new Value((int) value, false);
            case "u": return new Value(value & 0xffff, false);
            case "U": return new Value(value & 0xffffffffL, false);
            default: return new Value(value & 0xff, false); // u8
        }
    }
}
