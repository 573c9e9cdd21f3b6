// signed char: sign extension on promotion, truncation of results.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 32);
    signed char a = p[14], b = p[15];
    int s = a + b;
    signed char t = a + b;
    out(0, (__u64)(long)s);
    out(1, (__u64)(long)t);
    out(2, (__u64)(long)(a * b));
    out(3, a < b);
    out(4, (long)a);
    return a < 0 ? 1 : 2;
}
