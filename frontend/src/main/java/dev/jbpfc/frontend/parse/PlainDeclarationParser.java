package dev.jbpfc.frontend.parse;

import dev.jbpfc.frontend.ast.Attribute;
import dev.jbpfc.frontend.ast.DeclSpecifiers;
import dev.jbpfc.frontend.ast.DeclSpecifiers.Qualifier;
import dev.jbpfc.frontend.ast.DeclSpecifiers.StorageClass;
import dev.jbpfc.frontend.ast.Declaration;
import dev.jbpfc.frontend.ast.Declarator;
import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.ast.InitList;
import dev.jbpfc.frontend.ast.Initializer;
import dev.jbpfc.frontend.ast.RecordMember;
import dev.jbpfc.frontend.ast.TypeName;
import dev.jbpfc.frontend.ast.TypeSpec;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.grammar.CParser;
import dev.jbpfc.source.SourceLocation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A hand-written parser for the plain declarations that headers are made of, tried before the grammar on each
 * top-level declaration. {@code vmlinux.h} is 134,000 lines of
 * <pre>
 *   struct list_head { struct list_head *next, *prev; };
 *   typedef void (*work_func_t)(struct work_struct *);
 *   enum { BPF_ANY = 0, BPF_NOEXIST = 1, };
 *   static long (* const bpf_map_update_elem)(void *map, const void *key, ...) = (void *) 2;
 * </pre>
 * and going through ANTLR's adaptive prediction and a parse tree for each of them costs more than the rest of a
 * {@code -fsyntax-only} compile. This parser reads such a declaration straight into the same AST nodes, at the
 * same locations, that {@link AstBuilder} makes from the grammar's tree, and tells {@link TypedefTable} about the
 * names it declares at the moment the grammar's actions would.
 *
 * <p>It only says yes when it is sure. Anything outside its subset makes it give up with nothing changed (the
 * stream back at the declaration's first token, typedef names it declared taken back), and the grammar parses that
 * declaration as before: function definitions, {@code __extension__}, {@code _Static_assert}, asm labels,
 * {@code typeof}, {@code _Atomic}, {@code _Alignas}, attributes inside declarator parentheses, array qualifiers,
 * enums with a fixed type, initializers other than a number, {@code (type) number} or braces of numbers, and any expression other than
 * a number, {@code -number}, a name or string literals. It never reports a diagnostic: input the grammar or
 * {@link AstBuilder} would complain about (a declarator without a name, conflicting type specifiers, a syntax error)
 * is also left to them, so errors read exactly as before. {@code PlainDeclarationParserCorpusTest} checks that both
 * paths build equal ASTs for the corpus.
 */
final class PlainDeclarationParser {
    /** Thrown to give up; carries no stack trace, since giving up is ordinary control flow here. */
    private static final class GiveUp extends RuntimeException {
        GiveUp() { super(null, null, false, false); }
    }

    private static final GiveUp GIVE_UP = new GiveUp();

    private final CTokenStream tokens;
    private final TypedefTable typedefs;
    /** The index of the next token. */
    private int p;

    PlainDeclarationParser(CTokenStream tokens, TypedefTable typedefs) {
        this.tokens = tokens;
        this.typedefs = typedefs;
    }

    /**
     * Parses the declaration at the stream's position into {@code out} and moves past it; or returns false having
     * changed nothing. Only at file scope (the grammar's scopes are not modelled here).
     */
    boolean tryParse(List<? super Declaration> out) {
        int first = tokens.index();
        int mark = typedefs.fileScopeMark();
        p = first;
        try {
            Declaration d = declaration();
            tokens.seek(p);
            out.add(d);
            return true;
        } catch (GiveUp g) {
            typedefs.rollBack(mark);
            tokens.seek(first);
            return false;
        }
    }

    // ---- tokens ----

    private Token token(int k) { return tokens.lexToken(p + k); }

    private int la() { return tokens.type(p); }

    private int la(int k) { return tokens.type(p + k); }

    private Token next() { return tokens.lexToken(p++); }

    private void expect(int type) {
        if (la() != type) throw GIVE_UP;
        p++;
    }

    private static SourceLocation loc(Token t) { return t.location; }

    // ---- declarations ----

    private Declaration declaration() {
        Token start = token(0);
        DeclSpecifiers specs = specifiers();
        if (la() == CParser.SEMI) {
            p++;
            return new Declaration(specs, List.of(), loc(start));
        }
        List<Declaration.InitDeclarator> list = new ArrayList<>();
        while (true) {
            Token at = token(0);
            Declarator d = declarator();
            if (d.name() == null) throw GIVE_UP;
            typedefs.declare(d.name(), specs.isTypedef());
            if (isAsmKeyword(la())) throw GIVE_UP;
            List<Attribute> attrs = attributeSpecifiers();
            Initializer init = null;
            if (la() == CParser.ASSIGN) {
                p++;
                init = initializer();
            }
            list.add(new Declaration.InitDeclarator(d, null, attrs, init, loc(at)));
            if (la() == CParser.COMMA) {
                p++;
                continue;
            }
            expect(CParser.SEMI); // a '{' here is a function body: the grammar's
            return new Declaration(specs, list, loc(start));
        }
    }

    /**
     * A number, {@code (type) number} as bpf_helper_defs.h initializes its helper pointers, or a braced list of
     * such leaves and lists without designators ({@code {1, -2, {3, 4}}}): a table of a million numbers through
     * the grammar is a parse tree of a dozen nodes per number, 1.3 GB, before any of it is read.
     */
    private Initializer initializer() {
        if (la() == CParser.LBRACE) return initList();
        if (la() != CParser.LPAREN) return constant();
        if (!startsSpecifiers(la(1))) throw GIVE_UP;
        Token open = next();
        TypeName type = typeName();
        expect(CParser.RPAREN);
        if (la() != CParser.NUMBER && la() != CParser.MINUS) throw GIVE_UP;
        return new Expr.Cast(type, constant(), loc(open));
    }

    private InitList initList() {
        Token open = next();
        List<InitList.Item> items = new ArrayList<>();
        while (la() != CParser.RBRACE) {
            Token at = token(0);
            if (la() == CParser.LBRACKET || la() == CParser.DOT) throw GIVE_UP; // designators: the grammar's
            Initializer item = la() == CParser.LBRACE ? initList() : constant();
            items.add(new InitList.Item(List.of(), item, loc(at)));
            if (la() != CParser.COMMA) break;
            p++;
        }
        expect(CParser.RBRACE);
        return new InitList(items, loc(open));
    }

    private TypeName typeName() {
        Token start = token(0);
        DeclSpecifiers specs = specifiers();
        Declarator d = startsDeclarator(la()) ? declarator() : null;
        if (d != null && d.name() != null) throw GIVE_UP;
        return new TypeName(specs, d, loc(start));
    }

    // ---- specifiers (as AstBuilder's SpecsCollector reads the grammar's declarationSpecifiers) ----

    private DeclSpecifiers specifiers() {
        Token start = token(0);
        List<StorageClass> storage = new ArrayList<>(1);
        boolean isInline = false, isNoreturn = false;
        Set<Qualifier> qualifiers = EnumSet.noneOf(Qualifier.class);
        List<String> words = new ArrayList<>(2);
        TypeSpec typeSpec = null;
        List<Attribute> attributes = List.of();
        List<Attribute> tagAttributes = null;
        // The grammar's typeSpecifierPart: a typedef name only as the first type specifier, then no keywords.
        boolean typedefNamed = false;
        int count = 0;
        for (;; count++) {
            int t = la();
            switch (t) {
                case CParser.TYPEDEF: case CParser.EXTERN: case CParser.STATIC: case CParser.AUTO:
                case CParser.REGISTER: case CParser.THREAD_LOCAL: case CParser.THREAD:
                    tagAttributes = null;
                    storage.add(AstBuilder.storageClass(t));
                    p++;
                    continue;
                case CParser.INLINE: case CParser.INLINE2: case CParser.INLINE3:
                    tagAttributes = null;
                    isInline = true;
                    p++;
                    continue;
                case CParser.NORETURN:
                    tagAttributes = null;
                    isNoreturn = true;
                    p++;
                    continue;
                case CParser.CONST: case CParser.CONST2: case CParser.CONST3:
                case CParser.VOLATILE: case CParser.VOLATILE2: case CParser.VOLATILE3:
                case CParser.RESTRICT: case CParser.RESTRICT2: case CParser.RESTRICT3:
                    tagAttributes = null;
                    qualifiers.add(AstBuilder.qualifier(t));
                    p++;
                    continue;
                case CParser.ATTRIBUTE: case CParser.ATTRIBUTE2:
                    if (tagAttributes != null) {
                        attributeSpecifier(tagAttributes);
                    } else {
                        if (attributes.isEmpty()) attributes = new ArrayList<>(2);
                        attributeSpecifier(attributes);
                    }
                    continue;
                case CParser.TYPEDEF_NAME:
                    if (typeSpec != null || !words.isEmpty()) break; // the declarator's name
                    typeSpec = new TypeSpec.TypedefName(token(0).text, loc(token(0)));
                    typedefNamed = true;
                    p++;
                    continue;
                case CParser.VOID: case CParser.CHAR: case CParser.SHORT: case CParser.INT: case CParser.LONG:
                case CParser.FLOAT: case CParser.DOUBLE: case CParser.SIGNED: case CParser.SIGNED2:
                case CParser.SIGNED3: case CParser.UNSIGNED: case CParser.BOOL: case CParser.COMPLEX:
                case CParser.INT128: case CParser.FLOAT16:
                    if (typedefNamed || typeSpec != null) throw GIVE_UP; // syntax error or conflict: not ours
                    tagAttributes = null;
                    words.add(AstBuilder.basicWord(t, token(0).text));
                    p++;
                    continue;
                case CParser.STRUCT: case CParser.UNION: {
                    if (typedefNamed || typeSpec != null || !words.isEmpty()) throw GIVE_UP;
                    TypeSpec.Record r = record();
                    typeSpec = r;
                    tagAttributes = r.hasBody() ? r.attributes() : null;
                    continue;
                }
                case CParser.ENUM: {
                    if (typedefNamed || typeSpec != null || !words.isEmpty()) throw GIVE_UP;
                    TypeSpec.Enum e = enumSpec();
                    typeSpec = e;
                    tagAttributes = e.hasBody() ? e.attributes() : null;
                    continue;
                }
                default:
                    if (isUnsupportedSpecifier(t)) throw GIVE_UP;
            }
            break;
        }
        if (count == 0) throw GIVE_UP;
        return new DeclSpecifiers(storage, isInline, isNoreturn, qualifiers, words, typeSpec, List.of(), attributes,
                loc(start));
    }

    /** Specifiers the grammar knows and this parser leaves to it. */
    private static boolean isUnsupportedSpecifier(int t) {
        switch (t) {
            case CParser.ATOMIC: case CParser.ALIGNAS: case CParser.AUTO_TYPE: case CParser.EXTENSION:
            case CParser.TYPEOF: case CParser.TYPEOF2: case CParser.TYPEOF3:
            case CParser.TYPEOF_UNQUAL: case CParser.TYPEOF_UNQUAL2: case CParser.TYPEOF_UNQUAL3:
            case CParser.STATIC_ASSERT: case CParser.STATIC_ASSERT_C23:
                return true;
            default:
                return false;
        }
    }

    /** Whether {@code t} begins declaration specifiers (what may follow '(' in a cast). */
    private static boolean startsSpecifiers(int t) {
        return isBasicTypeWord(t) || isQualifier(t) || t == CParser.STRUCT || t == CParser.UNION
                || t == CParser.ENUM || t == CParser.TYPEDEF_NAME;
    }

    /** void, char, ..., unsigned, _Bool, __int128: the words of a basic type. */
    private static boolean isBasicTypeWord(int t) {
        switch (t) {
            case CParser.VOID: case CParser.CHAR: case CParser.SHORT: case CParser.INT: case CParser.LONG:
            case CParser.FLOAT: case CParser.DOUBLE: case CParser.SIGNED: case CParser.SIGNED2:
            case CParser.SIGNED3: case CParser.UNSIGNED: case CParser.BOOL: case CParser.COMPLEX:
            case CParser.INT128: case CParser.FLOAT16:
                return true;
            default:
                return false;
        }
    }

    /** const, volatile, restrict in all their spellings (not _Atomic, which may also open a specifier). */
    private static boolean isQualifier(int t) {
        switch (t) {
            case CParser.CONST: case CParser.CONST2: case CParser.CONST3:
            case CParser.VOLATILE: case CParser.VOLATILE2: case CParser.VOLATILE3:
            case CParser.RESTRICT: case CParser.RESTRICT2: case CParser.RESTRICT3:
                return true;
            default:
                return false;
        }
    }

    private TypeSpec.Record record() {
        boolean isUnion = la() == CParser.UNION;
        Token keyword = next();
        List<Attribute> attrs = new ArrayList<>(0);
        while (isAttributeKeyword(la())) attributeSpecifier(attrs);
        String tag = null;
        if (la() == CParser.IDENTIFIER || la() == CParser.TYPEDEF_NAME) tag = next().text;
        List<RecordMember> members = null;
        if (la() == CParser.LBRACE) {
            p++;
            members = new ArrayList<>();
            while (la() != CParser.RBRACE) {
                if (la() == CParser.SEMI) {
                    p++;
                    continue;
                }
                members.add(member());
            }
            p++;
        } else if (tag == null) {
            throw GIVE_UP;
        }
        return new TypeSpec.Record(isUnion, tag, members, attrs, loc(keyword));
    }

    private RecordMember.Fields member() {
        Token start = token(0);
        DeclSpecifiers specs = specifiers();
        List<RecordMember.Field> fields = new ArrayList<>(1);
        if (la() != CParser.SEMI) {
            while (true) {
                Token at = token(0);
                Declarator d = null;
                if (la() != CParser.COLON) {
                    d = declarator();
                    if (d.name() == null) throw GIVE_UP;
                }
                List<Attribute> attrs = attributeSpecifiers();
                Expr width = null;
                if (la() == CParser.COLON) {
                    p++;
                    width = constant();
                    if (isAttributeKeyword(la())) {
                        if (attrs.isEmpty()) attrs = new ArrayList<>(1);
                        while (isAttributeKeyword(la())) attributeSpecifier(attrs);
                    }
                }
                fields.add(new RecordMember.Field(d, width, attrs, loc(at)));
                if (la() != CParser.COMMA) break;
                p++;
            }
        }
        expect(CParser.SEMI);
        return new RecordMember.Fields(specs, fields, loc(start));
    }

    private TypeSpec.Enum enumSpec() {
        Token keyword = next();
        List<Attribute> attrs = new ArrayList<>(0);
        while (isAttributeKeyword(la())) attributeSpecifier(attrs);
        String tag = null;
        if (la() == CParser.IDENTIFIER || la() == CParser.TYPEDEF_NAME) tag = next().text;
        List<TypeSpec.Enumerator> enumerators = null;
        if (la() == CParser.LBRACE) {
            p++;
            enumerators = new ArrayList<>();
            do {
                if (la() != CParser.IDENTIFIER && la() != CParser.TYPEDEF_NAME) throw GIVE_UP;
                Token name = next();
                typedefs.declare(name.text, false); // an enumerator hides a typedef name (the grammar's action)
                List<Attribute> eattrs = attributeSpecifiers();
                Expr value = null;
                if (la() == CParser.ASSIGN) {
                    p++;
                    value = constant();
                }
                enumerators.add(new TypeSpec.Enumerator(name.text, value, eattrs, loc(name)));
                if (la() != CParser.COMMA) break;
                p++;
            } while (la() != CParser.RBRACE);
            expect(CParser.RBRACE);
        } else if (tag == null || la() == CParser.COLON) {
            throw GIVE_UP;
        }
        return new TypeSpec.Enum(tag, null, enumerators, attrs, loc(keyword));
    }

    // ---- attributes ----

    private static boolean isAttributeKeyword(int t) { return t == CParser.ATTRIBUTE || t == CParser.ATTRIBUTE2; }

    /** Zero or more attribute specifiers: List.of() when there are none. */
    private List<Attribute> attributeSpecifiers() {
        if (!isAttributeKeyword(la())) return List.of();
        List<Attribute> out = new ArrayList<>(2);
        while (isAttributeKeyword(la())) attributeSpecifier(out);
        return out;
    }

    /** {@code __attribute__((a, b(1), , c("x")))}: empty entries are allowed and dropped. */
    private void attributeSpecifier(List<Attribute> out) {
        p++;
        expect(CParser.LPAREN);
        expect(CParser.LPAREN);
        while (true) {
            if (la() != CParser.COMMA && la() != CParser.RPAREN) out.add(attribute());
            if (la() != CParser.COMMA) break;
            p++;
        }
        expect(CParser.RPAREN);
        expect(CParser.RPAREN);
    }

    private Attribute attribute() {
        if (!isAttributeName(la())) throw GIVE_UP;
        Token name = next();
        List<Expr> args = List.of();
        if (la() == CParser.LPAREN) {
            p++;
            if (la() != CParser.RPAREN) {
                args = new ArrayList<>(2);
                while (true) {
                    args.add(constant());
                    if (la() != CParser.COMMA) break;
                    p++;
                }
            }
            expect(CParser.RPAREN);
        }
        return new Attribute(name.text, args, List.of(), loc(name));
    }

    /** The grammar's attributeName: a name, or one of the keywords attributes are spelled with. */
    private static boolean isAttributeName(int t) {
        switch (t) {
            case CParser.IDENTIFIER: case CParser.CONST: case CParser.CONST2: case CParser.CONST3:
            case CParser.VOLATILE: case CParser.VOLATILE2: case CParser.INLINE: case CParser.INLINE2:
            case CParser.INLINE3: case CParser.NORETURN: case CParser.STATIC: case CParser.EXTERN:
            case CParser.REGISTER: case CParser.AUTO: case CParser.RESTRICT: case CParser.RESTRICT2:
            case CParser.RESTRICT3: case CParser.SIGNED: case CParser.SIGNED2: case CParser.UNSIGNED:
                return true;
            default:
                return false; // a typedef name would be parsed as a type argument: the grammar's case
        }
    }

    // ---- declarators (parts in the order AstBuilder.walkDeclarator gives them) ----

    /** Whether {@code t} can begin a declarator after declaration specifiers. */
    private static boolean startsDeclarator(int t) {
        return t == CParser.STAR || t == CParser.IDENTIFIER || t == CParser.TYPEDEF_NAME || t == CParser.LPAREN
                || t == CParser.LBRACKET;
    }

    private Declarator declarator() {
        Token start = token(0);
        List<Declarator.Part> parts = new ArrayList<>(2);
        Token name = derivations(parts);
        return new Declarator(name == null ? null : name.text, name == null ? null : loc(name), parts,
                List.of(), loc(start));
    }

    /**
     * Reads one declarator level: pointers, then a name or a parenthesized declarator, then suffixes. Adds the
     * pointers, the suffixes innermost-last reversed, then the nested declarator's parts; returns the name token.
     */
    private Token derivations(List<Declarator.Part> parts) {
        boolean any = false;
        while (la() == CParser.STAR) {
            Token star = next();
            Set<Qualifier> quals = EnumSet.noneOf(Qualifier.class);
            List<Attribute> attrs = List.of();
            while (true) {
                int t = la();
                if (isQualifier(t)) {
                    quals.add(AstBuilder.qualifier(t));
                    p++;
                } else if (isAttributeKeyword(t)) {
                    if (attrs.isEmpty()) attrs = new ArrayList<>(1);
                    attributeSpecifier(attrs);
                } else if (t == CParser.ATOMIC) {
                    throw GIVE_UP;
                } else {
                    break;
                }
            }
            parts.add(new Declarator.Pointer(quals, attrs, loc(star)));
            any = true;
        }
        Token name = null;
        List<Declarator.Part> nested = null;
        int t = la();
        if (t == CParser.IDENTIFIER || t == CParser.TYPEDEF_NAME) {
            name = next();
            any = true;
        } else if (t == CParser.LPAREN && opensNestedDeclarator(la(1))) {
            p++;
            nested = new ArrayList<>(2);
            name = derivations(nested);
            expect(CParser.RPAREN);
            any = true;
        }
        List<Declarator.Part> suffixes = null;
        while (la() == CParser.LBRACKET || la() == CParser.LPAREN) {
            if (suffixes == null) suffixes = new ArrayList<>(1);
            suffixes.add(suffix());
            any = true;
        }
        if (!any) throw GIVE_UP;
        if (suffixes != null) for (int i = suffixes.size() - 1; i >= 0; i--) parts.add(suffixes.get(i));
        if (nested != null) parts.addAll(nested);
        return name;
    }

    /**
     * After '(' where a declarator may go on: a '*' or a plain name opens a nested declarator ({@code (*fp)},
     * {@code (name)}); what begins parameters, or ')', is a function suffix. The rest ('(', an attribute, a typedef
     * name that could be either) is the grammar's to decide.
     */
    private static boolean opensNestedDeclarator(int t) {
        if (t == CParser.STAR || t == CParser.IDENTIFIER) return true;
        if (t == CParser.RPAREN || t == CParser.ELLIPSIS || t == CParser.STRUCT || t == CParser.UNION
                || t == CParser.ENUM) {
            return false;
        }
        if (isBasicTypeWord(t) || isQualifier(t) || t == CParser.REGISTER) return false;
        throw GIVE_UP;
    }

    private Declarator.Part suffix() {
        boolean isArray = la() == CParser.LBRACKET;
        Token open = next();
        if (isArray) {
            Expr size = la() == CParser.RBRACKET ? null : constant();
            expect(CParser.RBRACKET);
            return new Declarator.Array(size, false, EnumSet.noneOf(Qualifier.class), false, loc(open));
        }
        if (la() == CParser.RPAREN) {
            p++;
            return new Declarator.Function(List.of(), false, false, loc(open));
        }
        List<Declarator.Param> params = new ArrayList<>(4);
        boolean variadic = false;
        if (la() == CParser.ELLIPSIS) {
            p++;
            variadic = true;
        } else {
            while (true) {
                params.add(parameter());
                if (la() != CParser.COMMA) break;
                p++;
                if (la() == CParser.ELLIPSIS) {
                    p++;
                    variadic = true;
                    break;
                }
            }
        }
        expect(CParser.RPAREN);
        List<Declarator.Param> list = params;
        if (params.size() == 1 && !variadic && AstBuilder.isPlainVoid(params.get(0))) list = List.of();
        return new Declarator.Function(list, variadic, true, loc(open));
    }

    private Declarator.Param parameter() {
        Token start = token(0);
        DeclSpecifiers specs = specifiers();
        Declarator d = null;
        List<Attribute> attrs = List.of();
        if (startsDeclarator(la())) {
            d = declarator();
            attrs = attributeSpecifiers();
        }
        return new Declarator.Param(specs, d, attrs, loc(start));
    }

    // ---- expressions: only the leaves headers write ----

    /**
     * A number, {@code -number}, a name or adjacent string literals, ending where an expression in a declaration
     * ends; anything longer ({@code 1 << 3}, {@code sizeof(x)}, a call) is the grammar's.
     */
    private Expr constant() {
        int type = la();
        Token t = next();
        Expr e;
        switch (type) {
            case CParser.NUMBER:
                e = number(t);
                break;
            case CParser.MINUS: {
                if (la() != CParser.NUMBER) throw GIVE_UP;
                e = new Expr.Unary(Expr.UnaryOp.MINUS, number(next()), loc(t));
                break;
            }
            case CParser.IDENTIFIER:
                e = new Expr.Ident(t.text, loc(t));
                break;
            case CParser.STRING_LITERAL: {
                if (la() != CParser.STRING_LITERAL) {
                    e = new Expr.StringLiteral(Collections.singletonList(t.text), loc(t));
                    break;
                }
                List<String> pieces = new ArrayList<>();
                pieces.add(t.text);
                while (la() == CParser.STRING_LITERAL) pieces.add(next().text);
                e = new Expr.StringLiteral(pieces, loc(t));
                break;
            }
            default:
                throw GIVE_UP;
        }
        switch (la()) {
            case CParser.COMMA: case CParser.RPAREN: case CParser.RBRACKET: case CParser.RBRACE: case CParser.SEMI:
            case CParser.ATTRIBUTE: case CParser.ATTRIBUTE2:
                return e;
            default:
                throw GIVE_UP;
        }
    }

    private static Expr number(Token t) {
        String s = t.text;
        return AstBuilder.isFloating(s) ? new Expr.FloatLiteral(s, loc(t)) : new Expr.IntLiteral(s, loc(t));
    }

    private static boolean isAsmKeyword(int t) { return t == CParser.ASM || t == CParser.ASM2 || t == CParser.ASM3; }
}
