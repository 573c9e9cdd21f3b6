// int arithmetic, results sign-extended to 64 bits when stored.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 32);
    int a = (int)(U32(14) >> 2), b = (int)U32(18) >> 2;
    long x = a + b;
    out(0, x);
    out(1, (long)(a - b));
    out(2, (long)((a & 0xffff) * (b & 0x7fff)));
    out(3, (long)-b);
    out(4, (long)(b >> 5));
    return (a > b) + (b < 0) * 2;
}
