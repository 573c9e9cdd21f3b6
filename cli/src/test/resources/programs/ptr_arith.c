// pointer arithmetic and differences over a stack array.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u32 a[8];
    for (int i = 0; i < 8; i++)
        a[i] = p[14 + i] * (i + 1);
    __u32 *q = a + 2, *r = &a[6];
    out(0, *q + q[1] + *(r - 1));
    out(1, r - q);
    q += p[30] & 3;
    out(2, *q);
    unsigned char *pp = p + 14;
    out(3, *(pp + 5));
    return (r - a) & 3;
}
