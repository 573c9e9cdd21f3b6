// GNU statement expressions, including in macros with locals.
#include "common.h"
#define MAX(a, b) ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a > _b ? _a : _b; })
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u32 m = MAX(p[14], p[15]);
    __u32 s = ({ __u32 t = 0; for (int i = 0; i < 8; i++) t += p[16 + i]; t; });
    long v = ({ long x = (signed char)p[24]; if (x < 0) x = -x; x * 2; });
    out(0, m);
    out(1, s);
    out(2, v);
    return MAX(m, s) & 3;
}
