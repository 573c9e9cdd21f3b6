// a global (non-static) noinline function: verified on its own, called with scalars.
#include "common.h"
__noinline int scramble(int a, int b)
{
    int r = a;
    for (int i = 0; i < 4; i++)
        r = (r * 33) ^ b;
    return r;
}
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    int r = scramble(U32(14), p[18]);
    out(0, (long)r);
    out(1, (long)scramble(r, 5));
    return r & 3;
}
