// an iterative computation with a bounded loop carrying two 64-bit values.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u64 a = p[14], b = p[15];
    unsigned n = p[16] & 63;
    for (unsigned i = 0; i < 64; i++) {
        if (i >= n)
            break;
        __u64 t = a + b;
        a = b;
        b = t;
    }
    out(0, a);
    out(1, b);
    return b & 3;
}
