// goto: forward jumps to cleanup labels and a backward jump forming a bounded loop.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u32 acc = 0;
    int i = 0;
again:
    acc = acc * 31 + p[14 + i];
    if (++i < 10)
        goto again;
    if (acc & 1)
        goto odd;
    if (acc & 2)
        goto two;
    out(0, acc);
    return 1;
odd:
    out(1, acc);
    return 2;
two:
    out(2, acc);
    return 3;
}
