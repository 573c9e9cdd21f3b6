// __atomic_* read-modify-write builtins on map values, both forms (fetch_OP returns the old value, OP_fetch the
// new one), every order clang-22 accepts at -mcpu=v3, 32 and 64 bit; relaxed ones only with the value unused
// (clang-22 then emits the plain lock form; with the value used it returns the operand, see atomic_relaxed_value).
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u32 k0 = 0, k1 = 1, k2 = 2;
    __u64 *a = bpf_map_lookup_elem(&results, &k0), *b = bpf_map_lookup_elem(&results, &k1),
          *c = bpf_map_lookup_elem(&results, &k2);
    if (!a || !b || !c)
        return 0;
    __u32 *w = (__u32 *)c;
    *a = U64(14);
    *b = U64(22);
    __u64 r0 = __atomic_fetch_add(a, p[30], __ATOMIC_SEQ_CST);
    __u64 r1 = __atomic_add_fetch(a, p[31], __ATOMIC_ACQ_REL);
    __u64 r2 = __atomic_fetch_sub(b, U32(32), __ATOMIC_ACQUIRE);
    __u64 r3 = __atomic_sub_fetch(b, 3, __ATOMIC_RELEASE);
    __u32 r4 = __atomic_fetch_and(w, U32(16), __ATOMIC_CONSUME);
    __u32 r5 = __atomic_and_fetch(w + 1, ~0x30u, __ATOMIC_SEQ_CST);
    __u64 r6 = __atomic_fetch_or(a, 0x1000, __ATOMIC_ACQ_REL);
    __u64 r7 = __atomic_or_fetch(b, p[33], __ATOMIC_SEQ_CST);
    __u32 r8 = __atomic_fetch_xor(w, 0xff00ff, __ATOMIC_RELEASE);
    __u32 r9 = __atomic_xor_fetch(w + 1, U32(18), __ATOMIC_ACQUIRE);
    __atomic_fetch_add(a, 5, __ATOMIC_RELAXED);
    __atomic_sub_fetch(w, 2, __ATOMIC_RELAXED);
    __atomic_fetch_xor(b, 0x77, __ATOMIC_SEQ_CST);
    __atomic_or_fetch(w + 1, 0x100, __ATOMIC_RELEASE);
    __u64 r10 = __atomic_exchange_n(a, r0 ^ r9, __ATOMIC_SEQ_CST);
    __u32 r11 = __atomic_exchange_n(w, r4, __ATOMIC_ACQ_REL);
    __u64 expected = r1;
    _Bool s1 = __atomic_compare_exchange_n(b, &expected, 9, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    __u32 e32 = r5;
    _Bool s2 = __atomic_compare_exchange_n(w + 1, &e32, r8, 1, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
    p[0] = r0 ^ r1 ^ r2 ^ r3;
    p[1] = r4 ^ r5 ^ r6 ^ r7;
    p[2] = r8 ^ r9 ^ r10 ^ r11;
    p[3] = s1 | s2 << 1;
    p[4] = expected ^ e32;
    return (r0 + r3 + r6 + r9) & 3;
}
