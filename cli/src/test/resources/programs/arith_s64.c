// long arithmetic, signed shifts and compares.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    long a = (long)(U64(14) >> 1), b = (long)U64(22) >> 1;
    out(0, a + b);
    out(1, a - b);
    out(2, (a & 0xffffffff) * (b & 0x7fffffff));
    out(3, b >> 17);
    out(4, -b);
    return (a < b) + 2 * (b < 0);
}
