/**
 * The AST of one translation unit: what {@code dev.jbpfc.frontend.parse.Parser} builds from the preprocessor's
 * tokens and what sema and lowering read.
 *
 * <p>Contract:
 * <ul>
 *   <li>Built only by the parser; later stages read it and never add node kinds. Nodes are immutable except
 *       {@link dev.jbpfc.frontend.ast.Expr#type}, which sema fills in for every expression it checks.</li>
 *   <li>Types are kept as written (syntax): {@link dev.jbpfc.frontend.ast.DeclSpecifiers} plus a
 *       {@link dev.jbpfc.frontend.ast.Declarator} whose {@code parts}, applied in order to the specifiers' type,
 *       give the declared type. Sema turns them into {@code dev.jbpfc.frontend.types.CType}.</li>
 *   <li>Literals keep their spelling (sema decodes numbers, characters, strings). Names are plain strings,
 *       interned by the lexer.</li>
 *   <li>Every node has a {@link dev.jbpfc.source.SourceLocation}: its first token, except binary, assignment and
 *       conditional operators, which point at the operator (where clang's diagnostics point).</li>
 *   <li>{@code __extension__} and parentheses leave no node; {@code #pragma}s that matter are kept: loop hints on
 *       the loop after them, {@code #pragma clang attribute push/pop} as {@link dev.jbpfc.frontend.ast.Pragma}
 *       entries in order among the external declarations.</li>
 * </ul>
 * {@link dev.jbpfc.frontend.ast.AstPrinter} prints the tree ({@code -Xast-dump} and the parser's tests).
 */
package dev.jbpfc.frontend.ast;
