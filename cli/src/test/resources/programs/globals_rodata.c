// read-only globals (.rodata): const volatile configuration, const tables.
#include "common.h"
const volatile __u32 threshold = 100;
const volatile __u8 shift = 3;
static const __u16 weights[5] = {1, 3, 5, 7, 11};
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u32 s = 0;
    for (int i = 0; i < 5; i++)
        s += p[14 + i] * weights[i];
    out(0, s >> shift);
    out(2, weights[p[21] & 3]);
    return s > threshold ? 1 : 2;
}
