// truncations and sign/zero extensions between all integer widths.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u64 v = U64(14);
    out(0, (__u8)v);
    out(1, (__s8)v);
    out(2, (__u16)v);
    out(3, (__s16)v);
    out(4, (__u32)v);
    out(5, (__s32)v);
    out(6, (__u64)(__s32)(__u16)v);
    out(7, (__u64)(__s16)(__u8)(v >> 8));
    out(8, (__u32)(__s8)(v >> 16));
    return (__s8)v < 0;
}
