/**
 * C types with the BPF target's sizes and alignments, as clang-22 {@code --target=bpf} has them.
 *
 * <p>{@link dev.jbpfc.frontend.types.CType} is a sealed interface: {@code VoidType}, {@code IntegerType} and
 * {@code FloatType} are enums (one object per type), {@code PointerType}, {@code ArrayType}, {@code FunctionType},
 * {@code TypedefType} and {@code QualifiedType} are values (records), {@code RecordType} and {@code EnumType} have
 * identity (completed in place after a forward declaration). Typedef names and qualifiers are wrappers, so BTF can
 * emit TYPEDEF/CONST/VOLATILE entries; {@code unqualified()} strips them for type checking.
 *
 * <p>{@link dev.jbpfc.frontend.types.RecordLayout} lays out structs and unions (bit-fields, packed, aligned) and is
 * checked against clang-22 on random records and on every struct of the running kernel's vmlinux.h.
 * {@link dev.jbpfc.frontend.types.TypePrinter} spells types as clang's diagnostics do;
 * {@link dev.jbpfc.frontend.types.TypeRelations} has compatibility, composite types, promotions and the usual
 * arithmetic conversions.
 */
package dev.jbpfc.frontend.types;
