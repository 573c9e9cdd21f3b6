// conditional operator, nested, as lvalue source and with mixed types.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u32 a = U32(14), b = U32(18);
    __u32 mx = a > b ? a : b, mn = a < b ? a : b;
    long s = (signed char)p[22];
    long abs = s < 0 ? -s : s;
    int cls = s < -50 ? 0 : s < 0 ? 1 : s < 50 ? 2 : 3;
    __u64 w = p[23] & 1 ? (__u64)a << 32 : b;
    out(0, mx);
    out(1, mn);
    out(2, abs);
    out(3, cls);
    out(4, w);
    return cls;
}
