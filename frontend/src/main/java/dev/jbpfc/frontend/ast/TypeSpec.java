package dev.jbpfc.frontend.ast;

import dev.jbpfc.source.SourceLocation;

import java.util.List;

/** A type specifier that is more than a keyword. */
public sealed interface TypeSpec extends Node {

    /**
     * {@code struct tag}, {@code union tag}, or a definition with its members ({@code members} null when there is no
     * body, empty for {@code struct s {}}). {@code tag} is null for an anonymous record. Attributes written after the
     * keyword and after the closing brace are both in {@code attributes}.
     */
    record Record(boolean isUnion, String tag, List<RecordMember> members, List<Attribute> attributes,
                  SourceLocation loc) implements TypeSpec {
        public boolean hasBody() { return members != null; }
    }

    /** {@code enum tag} or a definition ({@code enumerators} null when there is no body). */
    record Enum(String tag, TypeName fixedType, List<Enumerator> enumerators, List<Attribute> attributes,
                SourceLocation loc) implements TypeSpec {
        public boolean hasBody() { return enumerators != null; }
    }

    record Enumerator(String name, Expr value, List<Attribute> attributes, SourceLocation loc) implements Node {}

    record TypedefName(String name, SourceLocation loc) implements TypeSpec {}

    /** {@code typeof(expr)} or {@code typeof(type)} (exactly one is non-null); {@code unqual} for typeof_unqual. */
    record Typeof(boolean unqual, Expr expr, TypeName type, SourceLocation loc) implements TypeSpec {}

    /** {@code _Atomic(type)}. */
    record Atomic(TypeName type, SourceLocation loc) implements TypeSpec {}

    /** {@code __auto_type}. */
    record AutoType(SourceLocation loc) implements TypeSpec {}
}
