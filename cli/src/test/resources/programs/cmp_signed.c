// signed comparisons at every width.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    signed char a = p[14], b = p[15];
    short c = U16(16), d = U16(18);
    int e = U32(20), f = U32(24);
    long g = U64(28), h = -5;
    __u64 bits = 0;
    bits |= (a < b) << 0 | (a <= b) << 1 | (a > b) << 2 | (a >= b) << 3;
    bits |= (c < d) << 4 | (c >= d) << 5 | (c == d) << 6 | (c != d) << 7;
    bits |= (e < f) << 8 | (e > f) << 9 | (e <= -1) << 10 | (e > 100) << 11;
    bits |= (__u64)(g < h) << 12 | (__u64)(g > h) << 13 | (__u64)(g >= 0) << 14;
    out(0, bits);
    if (e < f)
        return 1;
    if (g < 0)
        return 2;
    return 3;
}
