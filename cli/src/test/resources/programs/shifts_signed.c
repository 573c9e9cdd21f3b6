// arithmetic right shifts of negative values, 32 and 64 bits.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    unsigned s = p[14] & 31, t = p[15] & 63;
    int a = (int)U32(16);
    long b = (long)U64(20);
    signed char c = p[28];
    out(0, (long)(a >> s));
    out(1, b >> t);
    out(2, (long)(c >> 2));
    out(3, (long)(a >> 31));
    out(4, b >> 63);
    return (a >> 30) & 3;
}
