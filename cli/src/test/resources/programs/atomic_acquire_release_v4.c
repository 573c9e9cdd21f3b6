// RUN-FLAGS: -O2 -g --target=bpf -mcpu=v4
// __atomic_load_n with acquire/consume and __atomic_store_n with release: load_acquire/store_release at -mcpu=v4,
// 8 to 64 bit, run against clang-22's object.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u32 k0 = 0;
    __u64 *a = bpf_map_lookup_elem(&results, &k0);
    if (!a)
        return 0;
    __atomic_store_n(a, U64(14), __ATOMIC_RELEASE);
    __u64 x = __atomic_load_n(a, __ATOMIC_ACQUIRE);
    __atomic_store_n((__u32 *)a + 1, U32(22), __ATOMIC_RELEASE);
    __u32 y = __atomic_load_n((__u32 *)a, __ATOMIC_CONSUME);
    __atomic_store_n((__u16 *)a + 1, p[30], __ATOMIC_RELEASE);
    __u16 z = __atomic_load_n((__u16 *)a + 3, __ATOMIC_ACQUIRE);
    __atomic_store_n((__u8 *)a + 7, p[31], __ATOMIC_RELEASE);
    __u8 q = __atomic_load_n((__u8 *)a + 2, __ATOMIC_ACQUIRE);
    p[0] = x ^ y;
    p[1] = z ^ q;
    return (x + y + z + q) & 3;
}
