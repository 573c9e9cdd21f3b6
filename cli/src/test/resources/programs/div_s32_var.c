// RUN-FLAGS: -O2 -g --target=bpf -mcpu=v4
// signed 32-bit division and modulo (sdiv/smod need -mcpu=v4), negative operands included.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 32);
    int a = (int)U32(14), b = (signed char)p[18];
    if (b == 0 || b == -1)
        b = 3;
    out(0, (long)(a / b));
    out(1, (long)(a % b));
    out(2, (long)(-a / 7));
    out(3, (long)(a % -5));
    return (a / b) & 3;
}
