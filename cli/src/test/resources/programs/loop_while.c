// while loop with a constant bound (CRC-32 shift register over the first 4 bytes).
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u32 x = U32(14);
    int i = 0;
    while (i < 32) {
        x = (x << 1) ^ (-(x >> 31) & 0x04c11db7u);
        i++;
    }
    int j = 0;
    while (j < 8 && p[20 + j] != 0x11)
        j++;
    out(0, x);
    out(1, j);
    return x & 3;
}
