// __builtin_memcmp of constant sizes (sign of the result only).
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u8 a[8], b[8];
    __builtin_memcpy(a, p + 14, 8);
    __builtin_memcpy(b, p + 22, 8);
    int c = __builtin_memcmp(a, b, 8);
    int d = __builtin_memcmp(a, a, 8);
    char magic[4] = {0x45, 0, 0, p[30]};
    int e = __builtin_memcmp(p + 14, magic, 2);
    out(0, c < 0 ? 1 : c > 0 ? 2 : 0);
    out(1, d == 0);
    out(2, e == 0);
    return e == 0 ? 1 : 2;
}
