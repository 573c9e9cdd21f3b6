// other atomics on map values: or, and, xor, exchange, compare-and-swap, sub, 32 and 64 bit.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u32 k = 0;
    __u64 *v = bpf_map_lookup_elem(&results, &k);
    if (!v)
        return 0;
    __u64 *w = v + 0;
    __u32 k1 = 1, k2 = 2, k3 = 3;
    __u64 *a = bpf_map_lookup_elem(&results, &k1), *b = bpf_map_lookup_elem(&results, &k2),
          *c = bpf_map_lookup_elem(&results, &k3);
    if (!a || !b || !c)
        return 0;
    *w = U64(14);
    __u64 r0 = __sync_fetch_and_or(w, p[22]);
    __u64 r1 = __sync_fetch_and_and(w, ~0xf0ull);
    __u64 r2 = __sync_fetch_and_xor(w, 0x5555);
    __u64 r3 = __sync_lock_test_and_set(a, r0 ^ r1);
    __u64 r4 = __sync_val_compare_and_swap(b, 0, r2);
    __u64 r5 = __sync_val_compare_and_swap(b, 1, 7);
    __u32 r6 = __sync_fetch_and_sub((__u32 *)c, p[23]);
    __sync_fetch_and_or((__u32 *)c + 1, 0x80);
    p[0] = r3 ^ r4 ^ r5 ^ r6;
    return (r0 + r1 + r2) & 3;
}
