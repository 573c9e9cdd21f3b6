/**
 * Lexing: {@link dev.jbpfc.frontend.lex.Lexer} turns a {@link dev.jbpfc.source.SourceFile} into preprocessing
 * {@link dev.jbpfc.frontend.lex.Token}s; {@link dev.jbpfc.frontend.lex.Interner} shares identifier strings.
 */
package dev.jbpfc.frontend.lex;
