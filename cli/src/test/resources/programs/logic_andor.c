// short-circuit && and || with side effects, and ! on values.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    int n = 0;
    __u8 a = p[14], b = p[15], c = p[16];
    if (a > 100 && (n += 1, b > 100) && (n += 2, c > 100))
        n += 4;
    if (a < 50 || (n += 8, b < 50) || (n += 16, c < 50))
        n += 32;
    int l = (a && !b) || (!a && c);
    out(0, n);
    out(1, l);
    out(2, !!(a & b));
    return n & 3;
}
