package dev.jbpfc.grammar;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * What CParser's actions tell the frontend while it parses, so that the frontend's scoped table of typedef names
 * is current when the next token's type is read: C decides whether {@code T * x;} declares or multiplies by
 * whether {@code T} names a type at that point, and a declaration's scope starts right after its declarator.
 */
public interface ScopeHooks {
    /** A declarator of a declaration (file or block scope) was just parsed; ctx is its ExternalDeclaration or
     *  InitDeclarator context. The name becomes a typedef name or an ordinary identifier in the current scope. */
    void declarator(ParserRuleContext ctx);

    /** An enumerator constant: an ordinary identifier in the current scope. */
    void ordinary(Token name);

    /** A block scope opens (compound statement, for statement). */
    void enterScope();

    /** A function body opens: a new scope holding the function's parameters. */
    void enterFunctionBody(ParserRuleContext functionBody);

    /** The innermost scope closes. */
    void exitScope();

    ScopeHooks NONE = new ScopeHooks() {
        @Override public void declarator(ParserRuleContext ctx) {}
        @Override public void ordinary(Token name) {}
        @Override public void enterScope() {}
        @Override public void enterFunctionBody(ParserRuleContext functionBody) {}
        @Override public void exitScope() {}
    };
}
