// writing bitfields and reading the whole word back.
#include "common.h"
struct bf { unsigned a : 3, b : 5; int c : 4; unsigned d : 12; unsigned e : 8; };
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    struct bf f = {0};
    f.a = p[14];
    f.b = p[15];
    f.c = (signed char)p[16];
    f.d = U16(17);
    f.e = p[19] + 300;
    f.b += 7;
    __u32 w;
    __builtin_memcpy(&w, &f, 4);
    out(0, w);
    out(1, (long)f.c);
    __builtin_memcpy(p, &f, 4);
    return f.b & 3;
}
