// #pragma unroll on loops with constant trip counts.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 64);
    __u32 s = 0;
#pragma unroll
    for (int i = 0; i < 16; i++)
        s = (s << 1 | s >> 31) ^ p[14 + i];
    __u64 t = 0;
#pragma clang loop unroll(full)
    for (int i = 0; i < 8; i++)
        t += (__u64)p[30 + i] << (8 * i);
    out(0, s);
    out(1, t);
    return s & 3;
}
