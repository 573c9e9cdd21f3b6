package dev.jbpfc.frontend.ast;

import dev.jbpfc.source.SourceLocation;

import java.util.List;
import java.util.Set;

/**
 * The declaration specifiers as written, sorted by kind; all spelling variants are folded
 * ({@code __signed__} is "signed", {@code __const} is CONST, {@code __inline__} sets inline).
 *
 * @param storage       storage classes in source order (more than one is sema's error to report)
 * @param qualifiers    const, volatile, restrict, _Atomic (as a qualifier)
 * @param typeWords     the basic type keywords in source order: "unsigned", "long", "long", "int"; one of void char
 *                      short int long float double signed unsigned _Bool _Complex __int128 _Float16
 * @param typeSpec      a struct/union/enum, typedef name, typeof, _Atomic(type) or __auto_type; null if none
 * @param alignas       the operands of {@code _Alignas(...)}: Expr or TypeName
 * @param attributes    attributes written among the specifiers
 */
public record DeclSpecifiers(List<StorageClass> storage, boolean isInline, boolean isNoreturn,
                             Set<Qualifier> qualifiers, List<String> typeWords, TypeSpec typeSpec,
                             List<Node> alignas, List<Attribute> attributes, SourceLocation loc) implements Node {

    public enum StorageClass { TYPEDEF, EXTERN, STATIC, AUTO, REGISTER, THREAD_LOCAL }

    public enum Qualifier { CONST, VOLATILE, RESTRICT, ATOMIC }

    public boolean has(StorageClass s) { return storage.contains(s); }

    public boolean isTypedef() { return storage.contains(StorageClass.TYPEDEF); }
}
