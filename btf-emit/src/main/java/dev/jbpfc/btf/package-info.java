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
 */
package dev.jbpfc.btf;
