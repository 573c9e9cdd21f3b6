// RUN-FLAGS: -O2 -g --target=bpf -mcpu=v4
// sign-extending loads and moves (v4 movsx/ldsx).
#include "common.h"
struct rec { signed char a; short b; int c; };
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    struct rec r;
    __builtin_memcpy(&r, p + 14, sizeof(r));
    long x = r.a, y = r.b, z = r.c;
    out(0, x);
    out(1, y);
    out(2, z);
    out(3, (long)(signed char)p[30] + (long)(short)U16(31));
    out(4, (long)(int)U32(33));
    return x < 0 ? 1 : 2;
}
