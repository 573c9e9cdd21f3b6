// while loop with a constant bound and a data-dependent exit.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u32 x = U32(14) | 1, steps = 0;
    while (steps < 40) {
        if (x == 1)
            break;
        x = (x >> 1) ^ (-(x & 1) & 0xedb88320u);
        steps++;
    }
    out(0, x);
    out(1, steps);
    return steps & 3;
}
