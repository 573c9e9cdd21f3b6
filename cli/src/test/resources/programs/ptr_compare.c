// pointer comparisons and pointer-to-pointer selection between stack objects.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u32 x[4] = {U32(14), U32(18), U32(22), U32(26)};
    __u32 *lo = &x[0], *hi = &x[3];
    int n = 0;
    while (lo < hi && n < 4) {
        if (*lo > *hi) {
            __u32 t = *lo; *lo = *hi; *hi = t;
        }
        lo++;
        n++;
    }
    __u32 *m = x[1] > x[2] ? &x[1] : &x[2];
    *m += 1;
    out(0, x[0]);
    out(1, x[3]);
    out(2, x[1] ^ x[2]);
    out(3, m == &x[1]);
    return n & 3;
}
