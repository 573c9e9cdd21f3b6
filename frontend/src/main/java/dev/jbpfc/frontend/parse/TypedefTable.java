package dev.jbpfc.frontend.parse;

import dev.jbpfc.grammar.CParser;
import dev.jbpfc.grammar.ScopeHooks;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The scoped table that tells an identifier token whether it is a typedef name right now. CParser's actions
 * report scopes and declarators through {@link ScopeHooks}; {@link CToken#getType()} asks {@link #isTypedef}.
 *
 * <p>One map holds what each name means in the innermost scope that declares it; a block scope keeps an undo list
 * of the meanings it overwrote and puts them back when it closes; each token holds its name's {@link Meaning}, so a
 * lookup is one field read whatever the nesting. Ordinary declarations are entered only when they shadow a typedef name, which keeps the thousands of
 * file-scope functions and variables of vmlinux.h out of the map.
 */
final class TypedefTable implements ScopeHooks {
    /**
     * What one name means in the innermost scope that declares it: null (nothing: an identifier), TRUE (a typedef
     * name) or FALSE (an ordinary name shadowing a typedef). A token holds its name's Meaning, so asking costs no
     * hash lookup however often the parser's lookahead asks.
     */
    static final class Meaning {
        Boolean value;

        boolean isTypedef() { return value != null && value; }
    }

    /** Sized for vmlinux.h, whose tens of thousands of names would otherwise make the map grow a dozen times. */
    private final HashMap<String, Meaning> meaning = new HashMap<>(1 << 17);
    /** Per open block scope: name's meaning, value before this scope changed it (null = none). */
    private final ArrayList<List<Object[]>> undo = new ArrayList<>();

    TypedefTable() {
        // clang's predefined typedef names
        for (String name : List.of("__builtin_va_list", "__int128_t", "__uint128_t")) meaningOf(name).value = true;
    }

    /**
     * Every change made at file scope, in order: name, new meaning (what {@link ParsedPrefix} replays), and the
     * meaning before (what {@link #rollBack} puts back).
     */
    final List<Object[]> fileScopeLog = new ArrayList<>();

    /** The (one, mutable) meaning of {@code name}. */
    Meaning meaningOf(String name) {
        Meaning m = meaning.get(name);
        if (m == null) {
            m = new Meaning();
            meaning.put(name, m);
        }
        return m;
    }

    boolean isTypedef(String name) {
        Meaning m = meaning.get(name);
        return m != null && m.isTypedef();
    }

    int depth() { return undo.size(); }

    /** Closes scopes left open by a parse that was abandoned. */
    void restoreDepth(int depth) {
        while (undo.size() > depth) exitScope();
    }

    void declare(String name, boolean typedef) {
        Meaning m = meaningOf(name);
        Boolean old = m.value;
        if (!typedef && (old == null || !old)) return; // an ordinary name that shadows nothing
        if (!undo.isEmpty()) {
            List<Object[]> log = undo.get(undo.size() - 1);
            boolean seen = false;
            for (Object[] e : log) if (e[0] == m) { seen = true; break; }
            if (!seen) log.add(new Object[] {m, old});
        } else {
            fileScopeLog.add(new Object[] {name, typedef, old});
        }
        m.value = typedef;
    }

    /** A point in the file-scope changes to go back to with {@link #rollBack}. */
    int fileScopeMark() { return fileScopeLog.size(); }

    /** Undoes the file-scope changes made since {@code mark}, newest first (a declaration parsed and given up). */
    void rollBack(int mark) {
        for (int i = fileScopeLog.size() - 1; i >= mark; i--) {
            Object[] e = fileScopeLog.remove(i);
            meaningOf((String) e[0]).value = (Boolean) e[2];
        }
    }

    @Override
    public void enterScope() { undo.add(new ArrayList<>(2)); }

    @Override
    public void exitScope() {
        if (undo.isEmpty()) return;
        List<Object[]> log = undo.remove(undo.size() - 1);
        for (int i = log.size() - 1; i >= 0; i--) {
            Object[] e = log.get(i);
            ((Meaning) e[0]).value = (Boolean) e[1];
        }
    }

    @Override
    public void ordinary(Token name) { declare(name.getText(), false); }

    @Override
    public void declarator(ParserRuleContext ctx) {
        CParser.DeclarationSpecifiersContext specs;
        CParser.DeclaratorContext declarator;
        if (ctx instanceof CParser.ExternalDeclarationContext ext) {
            specs = ext.declarationSpecifiers();
            declarator = ext.declarator();
        } else if (ctx instanceof CParser.InitDeclaratorContext init) {
            declarator = init.declarator();
            ParserRuleContext parent = init.getParent();
            if (parent instanceof CParser.DeclarationContext d) specs = d.declarationSpecifiers();
            else if (parent instanceof CParser.ExternalDeclarationContext e) specs = e.declarationSpecifiers();
            else return;
        } else {
            return;
        }
        Token name = nameOf(declarator);
        if (name != null && specs != null) declare(name.getText(), hasTypedef(specs));
    }

    @Override
    public void enterFunctionBody(ParserRuleContext functionBody) {
        enterScope();
        if (!(functionBody.getParent() instanceof CParser.ExternalDeclarationContext ext)) return;
        CParser.ParameterTypeListContext params = parametersOf(ext.declarator());
        if (params == null) return;
        for (CParser.ParameterDeclarationContext p : params.parameterDeclaration()) {
            Token name = nameOf(p.declarator());
            if (name != null) declare(name.getText(), false);
        }
    }

    static boolean hasTypedef(CParser.DeclarationSpecifiersContext specs) {
        for (ParseTree child : specs.children) {
            if (child instanceof CParser.DeclarationSpecifierNoTypeContext s && isTypedefKeyword(s)) return true;
            if (child instanceof CParser.TypeSpecifierPartContext part) {
                for (CParser.DeclarationSpecifierNoTypeContext s : part.declarationSpecifierNoType()) {
                    if (isTypedefKeyword(s)) return true;
                }
            }
        }
        return false;
    }

    private static boolean isTypedefKeyword(CParser.DeclarationSpecifierNoTypeContext s) {
        return s.start.getType() == CParser.TYPEDEF;
    }

    /** The identifier a declarator declares, or null for an abstract declarator. */
    static Token nameOf(CParser.DeclaratorContext d) {
        while (d != null) {
            CParser.DirectDeclaratorContext dd = d.directDeclarator();
            if (dd == null || dd.directDeclaratorBase() == null) return null;
            CParser.DirectDeclaratorBaseContext base = dd.directDeclaratorBase();
            if (base.name != null) return base.name;
            d = base.declarator();
        }
        return null;
    }

    /** The parameter list of the function a function definition's declarator declares. */
    private static CParser.ParameterTypeListContext parametersOf(CParser.DeclaratorContext d) {
        CParser.ParameterTypeListContext found = null;
        while (d != null) {
            CParser.DirectDeclaratorContext dd = d.directDeclarator();
            if (dd == null) break;
            List<CParser.DeclaratorSuffixContext> suffixes = dd.declaratorSuffix();
            if (!suffixes.isEmpty() && suffixes.get(0).start.getType() == CParser.LPAREN) {
                found = suffixes.get(0).parameterTypeList();
            }
            if (dd.directDeclaratorBase() == null) break;
            d = dd.directDeclaratorBase().declarator();
        }
        return found;
    }
}
