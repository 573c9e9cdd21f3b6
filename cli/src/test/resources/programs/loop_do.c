// do-while loop with a constant bound.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u64 h = 0xcbf29ce484222325ull;
    int i = 0;
    do {
        h ^= p[14 + i];
        h *= 0x100000001b3ull;
        i++;
    } while (i < 20);
    out(0, h);
    return h & 3;
}
