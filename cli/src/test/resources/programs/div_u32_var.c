// unsigned 32-bit division and modulo by run-time values (never zero).
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 32);
    __u32 a = U32(14), b = U32(18) >> (p[22] & 31), c = p[23] | 1;
    b |= 1;
    out(0, a / b);
    out(1, a % b);
    out(2, a / c);
    out(3, a % c);
    out(4, (__u16)a / (__u16)(c + 2));
    return (a / c) % 3;
}
