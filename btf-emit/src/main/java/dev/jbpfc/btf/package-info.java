/**
 * BTF and .BTF.ext encoding for jbpfc's objects (Documentation/bpf/btf.rst, Documentation/bpf/llvm_reloc.rst).
 *
 * <p>Who calls what:
 * <ul>
 * <li>the frontend's lowering turns C types, functions, globals and maps into type ids with {@link
 *     dev.jbpfc.btf.BtfBuilder} ({@code addInt}, {@code addPointer}, {@code declareStruct}/{@code defineComposite},
 *     {@code addFuncProto}, {@code addFunc}, {@code addVar}, {@code addDatasec}, {@code addDeclTag}...);</li>
 * <li>the backend records, per ELF section, where each function starts, which source line each instruction comes
 *     from and which instructions carry CO-RE relocations, with {@link dev.jbpfc.btf.BtfExtBuilder}; access strings
 *     come from {@link dev.jbpfc.btf.CoreAccessString}, kinds from {@link dev.jbpfc.btf.CoreReloKind};</li>
 * <li>the ELF writer takes {@code BtfExtBuilder.encode()} (bytes plus the {@code .rel.BTF.ext} relocations to emit,
 *     R_BPF_64_NODYLD32 against section symbols; no .BTF.ext section at all when {@code isEmpty()}) and
 *     {@code BtfBuilder.encode()} (bytes; no relocations needed). Every record must be added before the .BTF is
 *     encoded: .BTF.ext strings live in .BTF's string table;</li>
 * <li>{@link dev.jbpfc.btf.BtfReader}, {@link dev.jbpfc.btf.BtfExtReader}, {@link dev.jbpfc.btf.BtfDumper} and
 *     {@link dev.jbpfc.btf.BtfNameIndex} read BTF back (tests, {@code /sys/kernel/btf/vmlinux}).</li>
 * </ul>
 * The package has no dependency on the rest of jbpfc.
 *
 * <p>What clang-22 emits, for a lowering that wants the same BTF (measured with {@code clang-22 -g -O2
 * --target=bpf}; only a convention, the kernel and libbpf accept either way):
 * <ul>
 * <li>a struct or union reached only through a pointer that is a struct/union member (through typedefs too) is
 *     a FWD; reached through a function parameter, a return type or a variable's own type it is defined in full.
 *     Without this a program including vmlinux.h would carry most of the kernel's types. The lowering builds
 *     every type in full and {@link dev.jbpfc.btf.BtfBuilder#retainUsed} picks clang's set at the end
 *     ({@link dev.jbpfc.btf.UsedTypes} has the rule, with its quirks: map keys and values are full, and a
 *     {@code const struct X *} member type met twice makes X full);</li>
 * <li>one FUNC_PROTO per function even when two are identical (the builder shares them; harmless);</li>
 * <li>{@code char}/{@code signed char} are INT SIGNED, {@code unsigned char} INT without encoding, {@code _Bool}
 *     INT BOOL; arrays index {@code __ARRAY_SIZE_TYPE__}; {@code int a[3][4]} is ARRAY(3) of ARRAY(4);</li>
 * <li>an enum is ENUM64 when a value needs more than 32 bits, and SIGNED when its underlying type is signed
 *     (it has a negative enumerator);</li>
 * <li>extern functions (kfuncs, {@code __ksym}) are FUNCs with EXTERN linkage and unnamed parameters, listed in a
 *     {@code .ksyms} DATASEC with the extern variables; DATASEC sizes are 0 and global variables' offsets 0
 *     (libbpf fills both in from the ELF), static variables' offsets are real;</li>
 * <li>line_info: the first record of a function is its declaration line with column 0; the file name is the
 *     path as given to the compiler; line text keeps its tabs.</li>
 * </ul>
 */
package dev.jbpfc.btf;
