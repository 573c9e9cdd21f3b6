// for loops with constant bounds, break and continue.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 64);
    __u32 s = 0, odd = 0, firstbig = 99;
    for (int i = 0; i < 48; i++) {
        if (p[14 + i] & 1) {
            odd++;
            continue;
        }
        s += p[14 + i];
    }
    for (int i = 0; i < 48; i++) {
        if (p[14 + i] > 240) {
            firstbig = i;
            break;
        }
    }
    out(0, s);
    out(1, odd);
    out(2, firstbig);
    return odd & 3;
}
