// unions: writing one member and reading another.
#include "common.h"
union u { __u64 q; __u32 w[2]; __u16 h[4]; unsigned char b[8]; };
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    union u v;
    v.q = U64(14);
    out(0, v.w[1]);
    out(1, v.h[2]);
    out(2, v.b[7]);
    v.b[0] = 0xaa;
    v.h[3] ^= 0x1234;
    out(3, v.q);
    union u w = v;
    return (w.q >> ((p[30] & 7) * 8)) & 3;
}
