// short: sign extension and truncation.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 32);
    short a = U16(14), b = U16(16);
    short c = a - b;
    out(0, (long)c);
    out(1, (long)(a * b));
    out(2, (long)(short)(a * 7));
    out(3, a > b);
    out(4, (long)(a >> 3));
    return c < 0 ? 1 : 2;
}
