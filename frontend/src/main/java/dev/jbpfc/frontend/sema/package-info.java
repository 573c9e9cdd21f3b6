/**
 * Semantic analysis: {@code Sema.analyze(TranslationUnit, Diagnostics[, DiagnosticPragmas])} returns a
 * {@link dev.jbpfc.frontend.sema.SemanticModel} and sets {@code Expr.type} on every checked expression.
 *
 * <p>Parts, one idea per file: {@code TypeResolver} (specifiers and declarators to CTypes, tags),
 * {@code ExprChecker} (expression types, lvalues, implicit conversions, clang's diagnostics),
 * {@code ConstantEvaluator} (integer and address constants), {@code InitializerChecker} (designators, brace elision,
 * flattening into {@code InitEntry}s), {@code StmtChecker} (statements, labels, switch cases), {@code BuiltinCalls}
 * and {@code Builtins} (GNU/clang/BPF builtins), {@code AttributeReader} (GNU attributes),
 * {@code DiagnosticPragmas} ({@code #pragma GCC diagnostic ignored} regions). Symbols
 * ({@code ObjectSymbol}, {@code FunctionSymbol}, {@code TypedefSymbol}, {@code EnumConstantSymbol}) live in
 * {@code Scope}s; tags are a separate name space.
 *
 * <p>Batches: {@code Sema.analyze(tu, diags, pragmas, AnalyzedPrefix)} takes over the previous input's analysis of
 * the leading declarations both inputs share (the parser hands them over as the same AST objects); {@code Trail}
 * is the undo log that brings the previous input's file-scope state back to what it was after them.
 *
 * <p>What lowering reads: {@code SemanticModel.symbolOf/declaredBy/functionOf} (names),
 * {@code conversionOf} (implicit conversions, decay included), {@code memberOf} (field path for CO-RE),
 * {@code initializerOf} (flattened initializers), {@code builtinOf}, {@code chosenOf}, {@code caseValue},
 * {@code labelOf}, {@code globals()}/{@code functions()}, and {@code ObjectSymbol.helperId()} for libbpf's
 * {@code (void *) N} helper pointers.
 */
package dev.jbpfc.frontend.sema;
