// RUN-FLAGS: -O2 -g --target=bpf -mcpu=v4
// __atomic_load_n/__atomic_store_n with the order BPF gives them (relaxed: a plain load or store, as clang-22 at
// -mcpu=v4; at v3 clang-22 cannot select them at all), 8 to 64 bit.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u32 k0 = 0;
    __u64 *a = bpf_map_lookup_elem(&results, &k0);
    if (!a)
        return 0;
    __atomic_store_n(a, U64(14), __ATOMIC_RELAXED);
    __u64 x = __atomic_load_n(a, __ATOMIC_RELAXED);
    __atomic_store_n((__u32 *)a + 1, U32(22), __ATOMIC_RELAXED);
    __u32 y = __atomic_load_n((__u32 *)a, __ATOMIC_RELAXED);
    __atomic_store_n((__u16 *)a + 1, p[30], __ATOMIC_RELAXED);
    __u16 z = __atomic_load_n((__u16 *)a + 3, __ATOMIC_RELAXED);
    __atomic_store_n((__u8 *)a + 7, p[31], __ATOMIC_RELAXED);
    __u8 q = __atomic_load_n((__u8 *)a + 2, __ATOMIC_RELAXED);
    p[0] = x ^ y;
    p[1] = z ^ q;
    return (x + y + z + q) & 3;
}
