/**
 * The parser stage: {@link dev.jbpfc.frontend.parse.Parser#parse} turns the preprocessor's tokens into a
 * {@link dev.jbpfc.frontend.ast.TranslationUnit}, reporting syntax errors in clang's words.
 *
 * <p>Pieces: {@link dev.jbpfc.frontend.parse.CTokenStream} presents the tokens to the ANTLR grammar
 * ({@code dev.jbpfc.grammar.CParser}) with types from a table built from the grammar's vocabulary;
 * {@link dev.jbpfc.frontend.parse.TypedefTable} is the scoped table of typedef names that decides whether an
 * identifier token is IDENTIFIER or TYPEDEF_NAME; {@link dev.jbpfc.frontend.parse.AstBuilder} turns each external
 * declaration's parse tree into AST nodes; {@link dev.jbpfc.frontend.parse.SyntaxErrors} words errors.
 * {@link dev.jbpfc.frontend.parse.PlainDeclarationParser} is tried first on each top-level declaration: it reads
 * the plain struct/union/enum/typedef/prototype declarations of headers by hand into the same AST nodes and leaves
 * everything else to the grammar.
 * {@link dev.jbpfc.frontend.parse.ParsedPrefix} lets the inputs of one invocation take over the identical leading
 * declarations (vmlinux.h, libbpf headers) of the previous input instead of parsing them again.
 */
package dev.jbpfc.frontend.parse;
