// rewriting the packet: swap MAC addresses, store 16/32/64-bit values at unaligned offsets.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 48);
    for (int i = 0; i < 6; i++) {
        unsigned char t = p[i];
        p[i] = p[6 + i];
        p[6 + i] = t;
    }
    __u32 v = U32(14) + 1;
    p[19] = v; p[20] = v >> 8; p[21] = v >> 16; p[22] = v >> 24;
    *(__u16 *)(p + 24) = 0xbeef;
    *(__u32 *)(p + 28) = v * 3;
    *(__u64 *)(p + 32) = (__u64)v << 20;
    p[40] = p[41] + p[42];
    return XDP_TX;
}
