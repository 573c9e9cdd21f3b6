/**
 * Lowering: the checked AST (parser + sema's {@link dev.jbpfc.frontend.sema.SemanticModel}) to the IR, plus the
 * BTF of every type, function, global and map the object will describe.
 *
 * <p>Entry point:
 * <pre>
 *   LoweredUnit u = Lowering.lower(translationUnit, semanticModel, LowerOptions.defaults(), diagnostics);
 *   Module ir = u.module();        // functions carry their BTF FUNC id (func_info), instructions !loc (line_info),
 *                                  // core_field instructions their root BTF id + access string (CO-RE records)
 *   BtfBuilder btf = u.btf();      // all types, FUNCs, VARs and DATASECs; add .BTF.ext strings, then encode()
 * </pre>
 * Errors (constructs BPF or jbpfc cannot compile) are reported to the Diagnostics in clang's style; the module is
 * still returned, without the function that failed.
 *
 * <p>Worked example. For
 * <pre>
 *   struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __type(value, __u64);
 *            __uint(max_entries, 1); } counts SEC(".maps");
 *   SEC("xdp") int count(struct xdp_md *ctx) {
 *       __u32 key = 0;
 *       __u64 *v = bpf_map_lookup_elem(&amp;counts, &amp;key);
 *       if (!v) return XDP_PASS;
 *       __sync_fetch_and_add(v, 1);
 *       return XDP_PASS;
 *   }
 *   char LICENSE[] SEC("license") = "GPL";
 * </pre>
 * the lowering produces (before mem2reg; every local lives in an alloca)
 * <pre>
 *   global global @counts size 32 align 8 section ".maps" btf 14
 *   global global @LICENSE size 4 align 1 section "license" btf 20 data "GPL"
 *
 *   define global i32 @count(ptr %ctx) section "xdp" btf 9 {
 *   entry:
 *     %ctx.addr = alloca 8, align 8
 *     %key = alloca 4, align 4
 *     %v = alloca 8, align 8
 *     store ptr %ctx, %ctx.addr, align 8
 *     store i32 0, %key, align 4 !loc 0:3:11
 *     %0 = addr @counts
 *     %1 = callhelper ptr 1(ptr %0, ptr %key) !loc 0:4:17        ; the helper pointer's initializer (void *) 1
 *     store ptr %1, %v, align 8
 *     %2 = load ptr %v, align 8
 *     %3 = cmp ne ptr %2, null
 *     %4 = cmp eq ... ; condbr ... if.then / if.end
 *     ...
 *     atomicrmw add i64 %5, 1, align 8                             ; value unused: no BPF_FETCH
 *     ret i32 2
 *   }
 * </pre>
 * and BTF with the anonymous map struct (members {@code type}, {@code key}, {@code value}, {@code max_entries} as
 * pointers to arrays / typed pointers), {@code VAR counts} in {@code DATASEC .maps}, {@code FUNC count} (global)
 * and {@code VAR LICENSE} in {@code DATASEC license}, graph-identical to clang-22's (LoweringBtfTest).
 *
 * <p>The pieces, one idea per file: {@link dev.jbpfc.frontend.lower.Lowering} (what is emitted and in which
 * order), {@code FunctionLowering} (statements), {@code ExprLowering} (expressions, lvalues, loads and stores),
 * {@code ValueConversions} (C conversions on IR values), {@code IrTypes}, {@code BitfieldAccess},
 * {@code CallLowering} (helpers, kfuncs, BPF calls, more than five arguments), {@code BuiltinLowering},
 * {@code CoreAccess} (CO-RE relocations), {@code SignedDivision} (sdiv below v4), {@code InlineAsmLowering},
 * {@link dev.jbpfc.frontend.lower.BtfTypes} (C types to BTF), {@code BtfSections} (DATASECs), {@code GlobalData}
 * with {@code StaticImage}, {@code SectionRules} and {@code StringPool} (static initializers to bytes and
 * relocations).
 */
package dev.jbpfc.frontend.lower;
