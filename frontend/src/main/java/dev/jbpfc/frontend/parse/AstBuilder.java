package dev.jbpfc.frontend.parse;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.ast.AsmDecl;
import dev.jbpfc.frontend.ast.Attribute;
import dev.jbpfc.frontend.ast.Decl;
import dev.jbpfc.frontend.ast.DeclSpecifiers;
import dev.jbpfc.frontend.ast.DeclSpecifiers.Qualifier;
import dev.jbpfc.frontend.ast.DeclSpecifiers.StorageClass;
import dev.jbpfc.frontend.ast.Declaration;
import dev.jbpfc.frontend.ast.Declarator;
import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.ast.Expr.BinaryOp;
import dev.jbpfc.frontend.ast.Expr.UnaryOp;
import dev.jbpfc.frontend.ast.ExternalDecl;
import dev.jbpfc.frontend.ast.FunctionDef;
import dev.jbpfc.frontend.ast.InitList;
import dev.jbpfc.frontend.ast.Initializer;
import dev.jbpfc.frontend.ast.Node;
import dev.jbpfc.frontend.ast.Pragma;
import dev.jbpfc.frontend.ast.RecordMember;
import dev.jbpfc.frontend.ast.StaticAssert;
import dev.jbpfc.frontend.ast.Stmt;
import dev.jbpfc.frontend.ast.TypeName;
import dev.jbpfc.frontend.ast.TypeSpec;
import dev.jbpfc.grammar.CParser;
import dev.jbpfc.grammar.CParser.*;
import dev.jbpfc.source.SourceLocation;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the parse tree of one external declaration into AST nodes. It reads the tree by hand (no generic visitor)
 * because each context kind maps to one node kind and the typed accessors say exactly what is there. Binary
 * operators arrive as a flat operand/operator list and get their tree here, by precedence climbing.
 *
 * <p>The few errors the grammar lets through on purpose are reported here: a declaration's declarator without a
 * name, a name in a type name, conflicting type specifiers.
 */
final class AstBuilder {
    private final CTokenStream tokens;
    private final Diagnostics diags;

    AstBuilder(CTokenStream tokens, Diagnostics diags) {
        this.tokens = tokens;
        this.diags = diags;
    }

    // ---- locations ----

    private static SourceLocation loc(Token t) { return ((CToken) t).pp.location; }

    private static SourceLocation loc(ParserRuleContext ctx) { return loc(ctx.start); }

    private static SourceLocation loc(TerminalNode n) { return loc(n.getSymbol()); }

    // ---- top level ----

    /** Adds the file-scope pragmas that stood before token {@code index}. */
    void pragmasBefore(int index, List<ExternalDecl> out) {
        List<dev.jbpfc.frontend.lex.Token> pragmas = tokens.pragmasBefore(index);
        if (pragmas == null) return;
        for (dev.jbpfc.frontend.lex.Token p : pragmas) {
            if (p.text.startsWith("GCC diagnostic") || p.text.startsWith("clang diagnostic")) continue;
            out.add(new Pragma(p.text, p.location));
        }
    }

    void externalDeclaration(ExternalDeclarationContext ctx, List<ExternalDecl> out) {
        if (ctx.staticAssertDeclaration() != null) {
            out.add(staticAssert(ctx.staticAssertDeclaration()));
        } else if (ctx.asmDefinition() != null) {
            out.add(new AsmDecl(stringLiteral(ctx.asmDefinition().stringLiteral()), loc(ctx)));
        } else if (ctx.externalDeclaration() != null) {
            externalDeclaration(ctx.externalDeclaration(), out);
        } else if (ctx.declarationSpecifiers() != null) {
            DeclSpecifiers specs = specifiers(ctx.declarationSpecifiers());
            if (ctx.declarator() == null) {
                out.add(new Declaration(specs, List.of(), loc(ctx)));
            } else if (ctx.functionBody() != null) {
                out.add(functionDefinition(ctx, specs));
            } else {
                List<Declaration.InitDeclarator> list = new ArrayList<>();
                list.add(initDeclarator(ctx.declarator(), ctx.initDeclaratorRest()));
                for (InitDeclaratorContext d : ctx.initDeclarator()) list.add(initDeclarator(d));
                out.add(new Declaration(specs, list, loc(ctx)));
            }
        }
    }

    private FunctionDef functionDefinition(ExternalDeclarationContext ctx, DeclSpecifiers specs) {
        Declarator declarator = declarator(ctx.declarator());
        InitDeclaratorRestContext rest = ctx.initDeclaratorRest();
        if (declarator.function() == null) {
            diags.error(loc(ctx.functionBody()), "expected ';' after top level declarator");
        } else if (rest.initializer() != null) {
            diags.error(loc(rest.initializer()), "illegal initializer (only variables can be initialized)");
        }
        if (declarator.name() == null) diags.error(loc(ctx.declarator()), "expected identifier or '('");
        FunctionBodyContext bodyCtx = ctx.functionBody();
        Stmt.Compound body = new Stmt.Compound(blockItems(bodyCtx.blockItem()), loc(bodyCtx));
        return new FunctionDef(specs, declarator, asmLabel(rest.asmLabel()), attributes(rest.attributeSpecifier()),
                body, loc(ctx));
    }

    private Declaration.InitDeclarator initDeclarator(InitDeclaratorContext ctx) {
        return initDeclarator(ctx.declarator(), ctx.initDeclaratorRest());
    }

    private Declaration.InitDeclarator initDeclarator(DeclaratorContext d, InitDeclaratorRestContext rest) {
        Declarator declarator = declarator(d);
        if (declarator.name() == null) diags.error(loc(d), "expected identifier or '('");
        Initializer init = rest.initializer() == null ? null : initializer(rest.initializer());
        return new Declaration.InitDeclarator(declarator, asmLabel(rest.asmLabel()),
                attributes(rest.attributeSpecifier()), init, loc(d));
    }

    private String asmLabel(AsmLabelContext ctx) {
        if (ctx == null) return null;
        StringBuilder sb = new StringBuilder();
        for (TerminalNode s : ctx.stringLiteral().STRING_LITERAL()) {
            String text = s.getText();
            int open = text.indexOf('"');
            sb.append(text, open + 1, text.length() - 1);
        }
        return sb.toString();
    }

    private StaticAssert staticAssert(StaticAssertDeclarationContext ctx) {
        Expr.StringLiteral message = ctx.stringLiteral() == null ? null : stringLiteral(ctx.stringLiteral());
        return new StaticAssert(conditional(ctx.constantExpression().conditionalExpression()), message, loc(ctx));
    }

    private Declaration declaration(DeclarationContext ctx) {
        DeclSpecifiers specs = specifiers(ctx.declarationSpecifiers());
        List<InitDeclaratorContext> ds = ctx.initDeclarator();
        List<Declaration.InitDeclarator> list = new ArrayList<>(ds.size());
        for (InitDeclaratorContext d : ds) list.add(initDeclarator(d));
        return new Declaration(specs, list, loc(ctx));
    }

    private Decl blockDeclaration(DeclarationContext ctx) {
        return ctx.staticAssertDeclaration() != null ? staticAssert(ctx.staticAssertDeclaration()) : declaration(ctx);
    }

    // ---- specifiers ----

    private final class SpecsCollector {
        final List<StorageClass> storage = new ArrayList<>(1);
        boolean isInline, isNoreturn;
        final Set<Qualifier> qualifiers = EnumSet.noneOf(Qualifier.class);
        final List<String> words = new ArrayList<>(2);
        TypeSpec typeSpec;
        List<Node> alignas = List.of();
        List<Attribute> attributes = List.of();
        /** Attributes right after a struct/union/enum body belong to that type (GNU): its attribute list. */
        List<Attribute> tagAttributes;

        void noType(DeclarationSpecifierNoTypeContext s) {
            ParseTree only = s.getChild(0);
            if (tagAttributes != null && only instanceof AttributeSpecifierContext attr) {
                attributeSpecifier(attr, tagAttributes);
                return;
            }
            tagAttributes = null;
            if (only instanceof TerminalNode keyword) {
                int type = keyword.getSymbol().getType();
                switch (type) {
                    case CParser.TYPEDEF: case CParser.EXTERN: case CParser.STATIC: case CParser.AUTO:
                    case CParser.REGISTER: case CParser.THREAD_LOCAL: case CParser.THREAD:
                        storage.add(storageClass(type));
                        break;
                    case CParser.INLINE: case CParser.INLINE2: case CParser.INLINE3:
                        isInline = true;
                        break;
                    case CParser.NORETURN:
                        isNoreturn = true;
                        break;
                    default:
                        qualifiers.add(qualifier(type));
                }
            } else if (only instanceof AlignmentSpecifierContext a) {
                if (alignas.isEmpty()) alignas = new ArrayList<>(1);
                alignas.add(a.typeName() != null ? typeName(a.typeName())
                        : conditional(a.constantExpression().conditionalExpression()));
            } else if (only instanceof AttributeSpecifierContext attr) {
                if (attributes.isEmpty()) attributes = new ArrayList<>(2);
                attributeSpecifier(attr, attributes);
            }
        }

        void keyword(TypeSpecifierKeywordContext k) {
            ParseTree only = k.getChild(0);
            tagAttributes = null;
            if (only instanceof TerminalNode && k.getChildCount() == 1 && k.start.getType() != CParser.AUTO_TYPE) {
                if (typeSpec != null) conflict(k);
                words.add(basicWord(k.start.getType(), k.start.getText()));
                return;
            }
            if (typeSpec != null || !words.isEmpty()) conflict(k);
            if (only instanceof StructOrUnionSpecifierContext r) {
                TypeSpec.Record rec = record(r);
                typeSpec = rec;
                if (rec.hasBody()) {
                    tagAttributes = rec.attributes();
                    tagBody = r;
                }
            } else if (only instanceof EnumSpecifierContext e) {
                TypeSpec.Enum en = enumSpec(e);
                typeSpec = en;
                if (en.hasBody()) {
                    tagAttributes = en.attributes();
                    tagBody = e;
                }
            }
            else if (only instanceof TypeofSpecifierContext t) typeSpec = typeof(t);
            else if (k.typeName() != null) typeSpec = new TypeSpec.Atomic(typeName(k.typeName()), loc(k));
            else typeSpec = new TypeSpec.AutoType(loc(k));
        }

        /** The struct/union/enum definition among these specifiers, for "expected ';' after struct". */
        ParserRuleContext tagBody;

        void conflict(ParserRuleContext k) {
            if (tagBody != null) {
                // `struct s { ... }` followed by the next declaration: the ';' after the brace is missing.
                CToken brace = (CToken) tagBody.stop;
                SourceLocation at = brace.pp.location;
                if (at != null && at.expandedFrom() == null) at = new SourceLocation(at.file(), at.offset() + 1);
                diags.error(at, "expected ';' after " + previousSpelling());
                tagBody = null;
                return;
            }
            diags.error(loc(k), "cannot combine with previous '" + previousSpelling() + "' declaration specifier");
        }

        String previousSpelling() {
            if (typeSpec instanceof TypeSpec.Record r) return r.isUnion() ? "union" : "struct";
            if (typeSpec instanceof TypeSpec.Enum) return "enum";
            if (typeSpec instanceof TypeSpec.TypedefName t) return t.name();
            if (typeSpec != null) return "type";
            return words.isEmpty() ? "type" : words.get(words.size() - 1);
        }
    }

    DeclSpecifiers specifiers(DeclarationSpecifiersContext ctx) {
        SpecsCollector c = new SpecsCollector();
        for (ParseTree child : ctx.children) {
            if (child instanceof DeclarationSpecifierNoTypeContext s) {
                c.noType(s);
            } else if (child instanceof TypeSpecifierPartContext part) {
                for (ParseTree p : part.children) {
                    if (p instanceof DeclarationSpecifierNoTypeContext s) c.noType(s);
                    else if (p instanceof TypeSpecifierKeywordContext k) c.keyword(k);
                    else if (p instanceof TerminalNode t) {
                        c.typeSpec = new TypeSpec.TypedefName(t.getText(), loc(t));
                    }
                }
            }
        }
        return new DeclSpecifiers(c.storage, c.isInline, c.isNoreturn, c.qualifiers, c.words, c.typeSpec, c.alignas,
                c.attributes, loc(ctx));
    }

    static StorageClass storageClass(int type) {
        switch (type) {
            case CParser.TYPEDEF: return StorageClass.TYPEDEF;
            case CParser.EXTERN: return StorageClass.EXTERN;
            case CParser.STATIC: return StorageClass.STATIC;
            case CParser.AUTO: return StorageClass.AUTO;
            case CParser.REGISTER: return StorageClass.REGISTER;
            default: return StorageClass.THREAD_LOCAL;
        }
    }

    static Qualifier qualifier(int type) {
        switch (type) {
            case CParser.CONST: case CParser.CONST2: case CParser.CONST3: return Qualifier.CONST;
            case CParser.VOLATILE: case CParser.VOLATILE2: case CParser.VOLATILE3: return Qualifier.VOLATILE;
            case CParser.ATOMIC: return Qualifier.ATOMIC;
            default: return Qualifier.RESTRICT;
        }
    }

    static String basicWord(int type, String text) {
        switch (type) {
            case CParser.SIGNED2: case CParser.SIGNED3: return "signed";
            default: return text;
        }
    }

    private TypeSpec.Record record(StructOrUnionSpecifierContext ctx) {
        boolean isUnion = ctx.start.getType() == CParser.UNION;
        String tag = ctx.identifier() == null ? null : ctx.identifier().getText();
        List<RecordMember> members = null;
        if (ctx.LBRACE() != null) {
            members = new ArrayList<>(ctx.structMember().size());
            for (StructMemberContext m : ctx.structMember()) {
                if (m.staticAssertDeclaration() != null) {
                    members.add(staticAssert(m.staticAssertDeclaration()));
                } else if (m.declarationSpecifiers() != null) {
                    DeclSpecifiers specs = specifiers(m.declarationSpecifiers());
                    List<RecordMember.Field> fields = new ArrayList<>(m.fieldDeclarator().size());
                    for (FieldDeclaratorContext f : m.fieldDeclarator()) {
                        Declarator d = f.declarator() == null ? null : declarator(f.declarator());
                        if (d != null && d.name() == null) diags.error(loc(f), "expected member name or ';' after declaration specifiers");
                        Expr width = f.constantExpression() == null ? null
                                : conditional(f.constantExpression().conditionalExpression());
                        fields.add(new RecordMember.Field(d, width, attributes(f.attributeSpecifier()), loc(f)));
                    }
                    members.add(new RecordMember.Fields(specs, fields, loc(m)));
                }
            }
        }
        return new TypeSpec.Record(isUnion, tag, members, mutableAttributes(ctx.attributeSpecifier()), loc(ctx));
    }

    private TypeSpec.Enum enumSpec(EnumSpecifierContext ctx) {
        String tag = ctx.identifier() == null ? null : ctx.identifier().getText();
        List<TypeSpec.Enumerator> enumerators = null;
        if (ctx.LBRACE() != null) {
            enumerators = new ArrayList<>(ctx.enumerator().size());
            for (EnumeratorContext e : ctx.enumerator()) {
                Expr value = e.constantExpression() == null ? null
                        : conditional(e.constantExpression().conditionalExpression());
                enumerators.add(new TypeSpec.Enumerator(e.identifier().getText(), value,
                        attributes(e.attributeSpecifier()), loc(e)));
            }
        }
        TypeName fixed = ctx.typeName() == null ? null : typeName(ctx.typeName());
        return new TypeSpec.Enum(tag, fixed, enumerators, mutableAttributes(ctx.attributeSpecifier()), loc(ctx));
    }

    private TypeSpec.Typeof typeof(TypeofSpecifierContext ctx) {
        int kw = ctx.typeofKeyword().start.getType();
        boolean unqual = kw == CParser.TYPEOF_UNQUAL || kw == CParser.TYPEOF_UNQUAL2 || kw == CParser.TYPEOF_UNQUAL3;
        if (ctx.typeName() != null) return new TypeSpec.Typeof(unqual, null, typeName(ctx.typeName()), loc(ctx));
        return new TypeSpec.Typeof(unqual, expression(ctx.expression()), null, loc(ctx));
    }

    // ---- attributes ----

    private List<Attribute> attributes(List<AttributeSpecifierContext> specs) {
        if (specs.isEmpty()) return List.of();
        List<Attribute> out = new ArrayList<>(specs.size());
        for (AttributeSpecifierContext s : specs) attributeSpecifier(s, out);
        return out;
    }

    /** A record's or enum's attribute list: attributes after its closing brace are added to it later. */
    private List<Attribute> mutableAttributes(List<AttributeSpecifierContext> specs) {
        List<Attribute> out = new ArrayList<>(specs.size());
        for (AttributeSpecifierContext s : specs) attributeSpecifier(s, out);
        return out;
    }

    private void attributeSpecifier(AttributeSpecifierContext s, List<Attribute> out) {
        for (AttributeContext a : s.attribute()) {
            List<Expr> args = List.of();
            List<TypeName> typeArgs = List.of();
            for (AttributeArgumentContext arg : a.attributeArgument()) {
                if (arg.assignmentExpression() != null) {
                    if (args.isEmpty()) args = new ArrayList<>(2);
                    args.add(assignment(arg.assignmentExpression()));
                } else {
                    if (typeArgs.isEmpty()) typeArgs = new ArrayList<>(1);
                    typeArgs.add(typeName(arg.typeName()));
                }
            }
            out.add(new Attribute(a.attributeName().getText(), args, typeArgs, loc(a)));
        }
    }

    // ---- declarators ----

    Declarator declarator(DeclaratorContext ctx) {
        List<Declarator.Part> parts = new ArrayList<>(2);
        List<Attribute> attrs = new ArrayList<>(0);
        Token name = walkDeclarator(ctx, parts, attrs);
        return new Declarator(name == null ? null : name.getText(), name == null ? null : loc(name), parts,
                attrs.isEmpty() ? List.of() : attrs, loc(ctx));
    }

    /** Adds the declarator's derivations from the outside in (see {@link Declarator}); returns the name token. */
    private Token walkDeclarator(DeclaratorContext d, List<Declarator.Part> parts, List<Attribute> attrs) {
        while (true) {
            if (d.pointer() != null) pointers(d.pointer(), parts);
            DirectDeclaratorContext dd = d.directDeclarator();
            if (dd == null) return null;
            List<DeclaratorSuffixContext> suffixes = dd.declaratorSuffix();
            for (int i = suffixes.size() - 1; i >= 0; i--) parts.add(suffix(suffixes.get(i)));
            DirectDeclaratorBaseContext base = dd.directDeclaratorBase();
            if (base == null) return null;
            if (!base.attributeSpecifier().isEmpty()) attrs.addAll(attributes(base.attributeSpecifier()));
            if (base.name != null) return base.name;
            d = base.declarator();
        }
    }

    private void pointers(PointerContext ctx, List<Declarator.Part> parts) {
        Set<Qualifier> quals = null;
        List<Attribute> attrs = null;
        SourceLocation at = null;
        for (ParseTree child : ctx.children) {
            if (child instanceof TerminalNode star) {
                if (at != null) parts.add(new Declarator.Pointer(quals, attrs, at));
                quals = EnumSet.noneOf(Qualifier.class);
                attrs = List.of();
                at = loc(star);
            } else if (child instanceof PointerQualifierContext q) {
                if (q.typeQualifier() != null) {
                    quals.add(qualifier(q.start.getType()));
                } else {
                    if (attrs.isEmpty()) attrs = new ArrayList<>(1);
                    attributeSpecifier(q.attributeSpecifier(), attrs);
                }
            }
        }
        if (at != null) parts.add(new Declarator.Pointer(quals, attrs, at));
    }

    private Declarator.Part suffix(DeclaratorSuffixContext s) {
        if (s.start.getType() == CParser.LBRACKET) {
            boolean isStatic = false;
            Set<Qualifier> quals = EnumSet.noneOf(Qualifier.class);
            for (ArrayQualifierContext q : s.arrayQualifier()) {
                if (q.typeQualifier() != null) quals.add(qualifier(q.start.getType()));
                else isStatic = true;
            }
            Expr size = s.assignmentExpression() == null ? null : assignment(s.assignmentExpression());
            boolean star = s.assignmentExpression() == null && s.getToken(CParser.STAR, 0) != null;
            return new Declarator.Array(size, isStatic, quals, star, loc(s));
        }
        ParameterTypeListContext list = s.parameterTypeList();
        if (list == null) return new Declarator.Function(List.of(), false, false, loc(s));
        List<Declarator.Param> params = new ArrayList<>(list.parameterDeclaration().size());
        for (ParameterDeclarationContext p : list.parameterDeclaration()) {
            Declarator d = p.declarator() == null ? null : declarator(p.declarator());
            params.add(new Declarator.Param(specifiers(p.declarationSpecifiers()), d,
                    attributes(p.attributeSpecifier()), loc(p)));
        }
        boolean variadic = list.ELLIPSIS() != null;
        if (params.size() == 1 && !variadic && isPlainVoid(params.get(0))) params = List.of();
        return new Declarator.Function(params, variadic, true, loc(s));
    }

    static boolean isPlainVoid(Declarator.Param p) {
        DeclSpecifiers s = p.specifiers();
        return p.declarator() == null && s.typeWords().size() == 1 && s.typeWords().get(0).equals("void")
                && s.typeSpec() == null && s.qualifiers().isEmpty() && s.storage().isEmpty();
    }

    TypeName typeName(TypeNameContext ctx) {
        Declarator d = ctx.declarator() == null ? null : declarator(ctx.declarator());
        if (d != null && d.name() != null) diags.error(d.nameLoc(), "expected ')'");
        return new TypeName(specifiers(ctx.declarationSpecifiers()), d, loc(ctx));
    }

    // ---- initializers ----

    private Initializer initializer(InitializerContext ctx) {
        return ctx.assignmentExpression() != null ? assignment(ctx.assignmentExpression())
                : initList(ctx.initializerList());
    }

    private InitList initList(InitializerListContext ctx) {
        List<DesignatedInitializerContext> items = ctx.designatedInitializer();
        List<InitList.Item> out = new ArrayList<>(items.size());
        for (DesignatedInitializerContext item : items) {
            List<InitList.Designator> designators = List.of();
            if (!item.designator().isEmpty()) {
                designators = new ArrayList<>(item.designator().size());
                for (DesignatorContext d : item.designator()) {
                    if (d.identifier() != null) {
                        designators.add(new InitList.Field(d.identifier().getText(), loc(d)));
                    } else {
                        List<ConstantExpressionContext> e = d.constantExpression();
                        designators.add(new InitList.Index(conditional(e.get(0).conditionalExpression()),
                                e.size() > 1 ? conditional(e.get(1).conditionalExpression()) : null, loc(d)));
                    }
                }
            }
            out.add(new InitList.Item(designators, initializer(item.initializer()), loc(item)));
        }
        return new InitList(out, loc(ctx));
    }

    // ---- statements ----

    private List<Stmt> blockItems(List<BlockItemContext> items) {
        List<Stmt> out = new ArrayList<>(items.size());
        for (BlockItemContext item : items) {
            if (item.statement() != null) {
                out.add(statement(item.statement()));
            } else if (item.declaration() != null) {
                out.add(new Stmt.DeclStmt(blockDeclaration(item.declaration()), loc(item)));
            } else {
                LocalLabelDeclarationContext l = item.localLabelDeclaration();
                List<String> names = new ArrayList<>();
                for (IdentifierContext id : l.identifier()) names.add(id.getText());
                out.add(new Stmt.LocalLabels(names, loc(l)));
            }
        }
        return out;
    }

    private Stmt.Compound compound(CompoundStatementContext ctx) {
        return new Stmt.Compound(blockItems(ctx.blockItem()), loc(ctx));
    }

    private Stmt optionalStatement(StatementContext ctx, ParserRuleContext owner) {
        return ctx == null ? new Stmt.Null(loc(owner.stop)) : statement(ctx);
    }

    Stmt statement(StatementContext ctx) {
        SourceLocation at = loc(ctx);
        if (ctx instanceof CompoundStmtContext c) return compound(c.compoundStatement());
        if (ctx instanceof ExpressionStmtContext e) return new Stmt.ExprStmt(expression(e.expression()), at);
        if (ctx instanceof NullStmtContext) return new Stmt.Null(at);
        if (ctx instanceof IfStmtContext s) {
            Stmt otherwise = s.statement().size() > 1 ? statement(s.statement(1)) : null;
            return new Stmt.If(expression(s.expression()), statement(s.statement(0)), otherwise, at);
        }
        if (ctx instanceof ForStmtContext s) {
            Stmt init = null;
            Expr cond = null, step = null;
            if (s.declaration() != null) init = new Stmt.DeclStmt(blockDeclaration(s.declaration()), loc(s.declaration()));
            // The expressions in source order, placed by the semicolons that separate the clauses.
            int semis = s.declaration() != null ? 1 : 0;
            for (ParseTree child : s.children) {
                if (child instanceof TerminalNode t && t.getSymbol().getType() == CParser.SEMI) semis++;
                else if (child instanceof ExpressionContext e) {
                    if (semis == 0) init = new Stmt.ExprStmt(expression(e), loc(e));
                    else if (semis == 1) cond = expression(e);
                    else step = expression(e);
                }
            }
            return new Stmt.For(init, cond, step, statement(s.statement()), loopHints(ctx), at);
        }
        if (ctx instanceof WhileStmtContext s) {
            return new Stmt.While(expression(s.expression()), statement(s.statement()), loopHints(ctx), at);
        }
        if (ctx instanceof DoStmtContext s) {
            return new Stmt.DoWhile(statement(s.statement()), expression(s.expression()), loopHints(ctx), at);
        }
        if (ctx instanceof SwitchStmtContext s) return new Stmt.Switch(expression(s.expression()), statement(s.statement()), at);
        if (ctx instanceof ReturnStmtContext s) {
            return new Stmt.Return(s.expression() == null ? null : expression(s.expression()), at);
        }
        if (ctx instanceof BreakStmtContext) return new Stmt.Break(at);
        if (ctx instanceof ContinueStmtContext) return new Stmt.Continue(at);
        if (ctx instanceof GotoStmtContext s) return new Stmt.Goto(s.identifier().getText(), at);
        if (ctx instanceof IndirectGotoStmtContext s) return new Stmt.IndirectGoto(expression(s.expression()), at);
        if (ctx instanceof LabelStmtContext s) {
            return new Stmt.Label(s.identifier().getText(), attributes(s.attributeSpecifier()),
                    optionalStatement(s.statement(), s), at);
        }
        if (ctx instanceof CaseStmtContext s) {
            List<ConstantExpressionContext> e = s.constantExpression();
            return new Stmt.Case(conditional(e.get(0).conditionalExpression()),
                    e.size() > 1 ? conditional(e.get(1).conditionalExpression()) : null,
                    optionalStatement(s.statement(), s), at);
        }
        if (ctx instanceof DefaultStmtContext s) return new Stmt.Default(optionalStatement(s.statement(), s), at);
        if (ctx instanceof AsmStmtContext s) return asm(s.asmStatement());
        if (ctx instanceof AttributedStmtContext s) {
            return new Stmt.Attributed(attributes(s.attributeSpecifier()), statement(s.statement()), at);
        }
        throw new IllegalStateException("statement kind " + ctx.getClass().getSimpleName());
    }

    private List<Pragma> loopHints(ParserRuleContext loop) {
        List<dev.jbpfc.frontend.lex.Token> pragmas = tokens.pragmasBefore(loop.start.getTokenIndex());
        if (pragmas == null) return List.of();
        List<Pragma> out = new ArrayList<>(1);
        for (dev.jbpfc.frontend.lex.Token p : pragmas) {
            Pragma pragma = new Pragma(p.text, p.location);
            if (pragma.isLoopHint()) out.add(pragma);
        }
        return out;
    }

    private Stmt.Asm asm(AsmStatementContext ctx) {
        boolean isVolatile = false, isInline = false, isGoto = false;
        for (AsmQualifierContext q : ctx.asmQualifier()) {
            switch (q.start.getType()) {
                case CParser.GOTO: isGoto = true; break;
                case CParser.INLINE: case CParser.INLINE2: case CParser.INLINE3: isInline = true; break;
                default: isVolatile = true;
            }
        }
        List<Stmt.AsmOperand> outputs = List.of(), inputs = List.of();
        List<Expr.StringLiteral> clobbers = List.of();
        List<String> labels = List.of();
        int colons = 0;
        for (ParseTree child : ctx.children) {
            if (child instanceof TerminalNode t && t.getSymbol().getType() == CParser.COLON) {
                colons++;
            } else if (child instanceof AsmOperandsContext ops) {
                if (colons == 1) outputs = asmOperands(ops);
                else inputs = asmOperands(ops);
            } else if (child instanceof AsmClobbersContext c) {
                clobbers = new ArrayList<>(c.stringLiteral().size());
                for (StringLiteralContext s : c.stringLiteral()) clobbers.add(stringLiteral(s));
            } else if (child instanceof AsmGotoLabelsContext l) {
                labels = new ArrayList<>(l.identifier().size());
                for (IdentifierContext id : l.identifier()) labels.add(id.getText());
            }
        }
        return new Stmt.Asm(isVolatile, isInline, isGoto, stringLiteral(ctx.stringLiteral()), outputs, inputs,
                clobbers, labels, loc(ctx));
    }

    private List<Stmt.AsmOperand> asmOperands(AsmOperandsContext ctx) {
        List<Stmt.AsmOperand> out = new ArrayList<>(ctx.asmOperand().size());
        for (AsmOperandContext op : ctx.asmOperand()) {
            String name = op.identifier() == null ? null : op.identifier().getText();
            out.add(new Stmt.AsmOperand(name, stringLiteral(op.stringLiteral()), expression(op.expression()), loc(op)));
        }
        return out;
    }

    // ---- expressions ----

    Expr expression(ExpressionContext ctx) {
        List<AssignmentExpressionContext> list = ctx.assignmentExpression();
        Expr e = assignment(list.get(0));
        for (int i = 1; i < list.size(); i++) {
            e = new Expr.Binary(BinaryOp.COMMA, e, assignment(list.get(i)), loc(ctx.COMMA(i - 1)));
        }
        return e;
    }

    Expr assignment(AssignmentExpressionContext ctx) {
        Expr target = conditional(ctx.conditionalExpression());
        if (ctx.assignmentOperator() == null) return target;
        Token op = ctx.assignmentOperator().start;
        BinaryOp compound = op.getType() == CParser.ASSIGN ? null : compoundOp(op.getType());
        return new Expr.Assign(compound, target, assignment(ctx.assignmentExpression()), loc(op));
    }

    private static BinaryOp compoundOp(int type) {
        switch (type) {
            case CParser.MUL_ASSIGN: return BinaryOp.MUL;
            case CParser.DIV_ASSIGN: return BinaryOp.DIV;
            case CParser.MOD_ASSIGN: return BinaryOp.MOD;
            case CParser.ADD_ASSIGN: return BinaryOp.ADD;
            case CParser.SUB_ASSIGN: return BinaryOp.SUB;
            case CParser.SHL_ASSIGN: return BinaryOp.SHL;
            case CParser.SHR_ASSIGN: return BinaryOp.SHR;
            case CParser.AND_ASSIGN: return BinaryOp.BIT_AND;
            case CParser.XOR_ASSIGN: return BinaryOp.BIT_XOR;
            default: return BinaryOp.BIT_OR;
        }
    }

    Expr conditional(ConditionalExpressionContext ctx) {
        Expr cond = binary(ctx.binaryExpression());
        if (ctx.QUESTION() == null) return cond;
        Expr then = ctx.expression() == null ? null : expression(ctx.expression());
        return new Expr.Conditional(cond, then, conditional(ctx.conditionalExpression()), loc(ctx.QUESTION()));
    }

    /** Operands and operators in source order, combined by precedence (all C binary operators are left-assoc). */
    private Expr binary(BinaryExpressionContext ctx) {
        List<CastExpressionContext> operands = ctx.castExpression();
        if (operands.size() == 1) return cast(operands.get(0));
        List<BinaryOperatorContext> ops = ctx.binaryOperator();
        Expr[] values = new Expr[operands.size()];
        for (int i = 0; i < values.length; i++) values[i] = cast(operands.get(i));
        BinaryOp[] kinds = new BinaryOp[ops.size()];
        for (int i = 0; i < kinds.length; i++) kinds[i] = binaryOp(ops.get(i).start.getType());
        int[] cursor = {0};
        return climb(values, kinds, ops, cursor, 0);
    }

    private Expr climb(Expr[] values, BinaryOp[] kinds, List<BinaryOperatorContext> ops, int[] cursor, int minPrec) {
        Expr lhs = values[cursor[0]];
        while (cursor[0] < kinds.length && kinds[cursor[0]].precedence >= minPrec) {
            int i = cursor[0];
            BinaryOp op = kinds[i];
            cursor[0] = i + 1;
            Expr rhs = climb(values, kinds, ops, cursor, op.precedence + 1);
            lhs = new Expr.Binary(op, lhs, rhs, loc(ops.get(i)));
        }
        return lhs;
    }

    private static BinaryOp binaryOp(int type) {
        switch (type) {
            case CParser.STAR: return BinaryOp.MUL;
            case CParser.SLASH: return BinaryOp.DIV;
            case CParser.PERCENT: return BinaryOp.MOD;
            case CParser.PLUS: return BinaryOp.ADD;
            case CParser.MINUS: return BinaryOp.SUB;
            case CParser.SHL: return BinaryOp.SHL;
            case CParser.SHR: return BinaryOp.SHR;
            case CParser.LT: return BinaryOp.LT;
            case CParser.GT: return BinaryOp.GT;
            case CParser.LE: return BinaryOp.LE;
            case CParser.GE: return BinaryOp.GE;
            case CParser.EQ: return BinaryOp.EQ;
            case CParser.NE: return BinaryOp.NE;
            case CParser.AMP: return BinaryOp.BIT_AND;
            case CParser.CARET: return BinaryOp.BIT_XOR;
            case CParser.PIPE: return BinaryOp.BIT_OR;
            case CParser.ANDAND: return BinaryOp.LOG_AND;
            default: return BinaryOp.LOG_OR;
        }
    }

    private Expr cast(CastExpressionContext ctx) {
        if (ctx.typeName() == null) return unary(ctx.unaryExpression());
        TypeName type = typeName(ctx.typeName());
        if (ctx.castExpression() != null) return new Expr.Cast(type, cast(ctx.castExpression()), loc(ctx));
        Expr e = new Expr.CompoundLiteral(type, initList(ctx.initializerList()), loc(ctx));
        for (PostfixSuffixContext s : ctx.postfixSuffix()) e = postfix(e, s);
        return e;
    }

    private Expr unary(UnaryExpressionContext ctx) {
        SourceLocation at = loc(ctx);
        if (ctx instanceof PostfixUnaryContext p) {
            Expr e = primary(p.primaryExpression());
            if (p.getChildCount() > 1) for (PostfixSuffixContext s : p.postfixSuffix()) e = postfix(e, s);
            return e;
        }
        if (ctx instanceof OperatorUnaryContext o) {
            UnaryOp op;
            switch (o.start.getType()) {
                case CParser.AMP: op = UnaryOp.ADDRESS_OF; break;
                case CParser.STAR: op = UnaryOp.DEREF; break;
                case CParser.PLUS: op = UnaryOp.PLUS; break;
                case CParser.MINUS: op = UnaryOp.MINUS; break;
                case CParser.TILDE: op = UnaryOp.BIT_NOT; break;
                default: op = UnaryOp.NOT;
            }
            return new Expr.Unary(op, cast(o.castExpression()), at);
        }
        if (ctx instanceof IncDecUnaryContext i) {
            UnaryOp op = i.start.getType() == CParser.INC ? UnaryOp.PRE_INC : UnaryOp.PRE_DEC;
            return new Expr.Unary(op, unary(i.unaryExpression()), at);
        }
        if (ctx instanceof ExtensionUnaryContext x) return cast(x.castExpression());
        if (ctx instanceof SizeofTypeUnaryContext s) {
            TypeName type = typeName(s.typeName());
            if (s.initializerList() == null) return new Expr.SizeofType(type, at);
            Expr e = new Expr.CompoundLiteral(type, initList(s.initializerList()), loc(s.LPAREN()));
            for (PostfixSuffixContext p : s.postfixSuffix()) e = postfix(e, p);
            return new Expr.SizeofExpr(e, at);
        }
        if (ctx instanceof SizeofExprUnaryContext s) return new Expr.SizeofExpr(unary(s.unaryExpression()), at);
        if (ctx instanceof AlignofTypeUnaryContext a) return new Expr.AlignofType(typeName(a.typeName()), at);
        if (ctx instanceof AlignofExprUnaryContext a) return new Expr.AlignofExpr(unary(a.unaryExpression()), at);
        if (ctx instanceof LabelAddressUnaryContext l) return new Expr.LabelAddress(l.identifier().getText(), at);
        throw new IllegalStateException("unary kind " + ctx.getClass().getSimpleName());
    }

    private Expr postfix(Expr base, PostfixSuffixContext s) {
        SourceLocation at = loc(s);
        switch (s.start.getType()) {
            case CParser.LBRACKET:
                return new Expr.Index(base, expression(s.expression()), at);
            case CParser.LPAREN: {
                List<AssignmentExpressionContext> argCtx = s.assignmentExpression();
                List<Expr> args = argCtx.isEmpty() ? List.of() : new ArrayList<>(argCtx.size());
                for (AssignmentExpressionContext a : argCtx) args.add(assignment(a));
                return new Expr.Call(base, args, at);
            }
            case CParser.DOT:
            case CParser.ARROW:
                return new Expr.Member(base, s.identifier().getText(), s.start.getType() == CParser.ARROW,
                        loc(s.identifier()), base.loc());
            case CParser.INC:
                return new Expr.Unary(UnaryOp.POST_INC, base, at);
            default:
                return new Expr.Unary(UnaryOp.POST_DEC, base, at);
        }
    }

    private Expr primary(PrimaryExpressionContext ctx) {
        SourceLocation at = loc(ctx);
        if (ctx instanceof IdentifierPrimaryContext) return new Expr.Ident(ctx.start.getText(), at);
        if (ctx instanceof NumberPrimaryContext) {
            String s = ctx.start.getText();
            return isFloating(s) ? new Expr.FloatLiteral(s, at) : new Expr.IntLiteral(s, at);
        }
        if (ctx instanceof CharPrimaryContext) return new Expr.CharLiteral(ctx.start.getText(), at);
        if (ctx instanceof StringPrimaryContext s) return stringLiteral(s.stringLiteral());
        if (ctx instanceof ParenPrimaryContext p) return expression(p.expression());
        if (ctx instanceof StatementExprPrimaryContext s) return new Expr.StmtExpr(compound(s.compoundStatement()), at);
        if (ctx instanceof GenericPrimaryContext g) {
            List<Expr.Generic.Association> assocs = new ArrayList<>(g.genericAssociation().size());
            for (GenericAssociationContext a : g.genericAssociation()) {
                TypeName t = a.typeName() == null ? null : typeName(a.typeName());
                assocs.add(new Expr.Generic.Association(t, assignment(a.assignmentExpression()), loc(a)));
            }
            return new Expr.Generic(assignment(g.assignmentExpression()), assocs, at);
        }
        if (ctx instanceof VaArgPrimaryContext v) {
            return new Expr.VaArg(assignment(v.assignmentExpression()), typeName(v.typeName()), at);
        }
        if (ctx instanceof OffsetofPrimaryContext o) {
            OffsetofMemberContext m = o.offsetofMember();
            List<InitList.Designator> path = new ArrayList<>();
            for (ParseTree child : m.children) {
                if (child instanceof IdentifierContext id) {
                    path.add(new InitList.Field(id.getText(), loc(id)));
                } else if (child instanceof ExpressionContext e) {
                    path.add(new InitList.Index(expression(e), null, loc(e)));
                }
            }
            return new Expr.OffsetOf(typeName(o.typeName()), path, at);
        }
        if (ctx instanceof ChooseExprPrimaryContext c) {
            List<AssignmentExpressionContext> a = c.assignmentExpression();
            return new Expr.ChooseExpr(assignment(a.get(0)), assignment(a.get(1)), assignment(a.get(2)), at);
        }
        if (ctx instanceof TypesCompatiblePrimaryContext t) {
            return new Expr.TypesCompatible(typeName(t.typeName(0)), typeName(t.typeName(1)), at);
        }
        throw new IllegalStateException("primary kind " + ctx.getClass().getSimpleName());
    }

    /** A pp-number is floating if it has a '.', a decimal exponent (not in hex) or a binary exponent (hex). */
    static boolean isFloating(String s) {
        boolean hex = s.length() > 1 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') return true;
            if (hex ? (c == 'p' || c == 'P') : (c == 'e' || c == 'E')) return true;
        }
        return false;
    }

    private Expr.StringLiteral stringLiteral(StringLiteralContext ctx) {
        List<TerminalNode> parts = ctx.STRING_LITERAL();
        List<String> pieces = parts.size() == 1 ? Collections.singletonList(parts.get(0).getText())
                : new ArrayList<>(parts.size());
        if (parts.size() > 1) for (TerminalNode t : parts) pieces.add(t.getText());
        return new Expr.StringLiteral(pieces, loc(ctx));
    }
}
