// sparse switch on wide values.
#include "common.h"
static __noinline int classify(__u32 v)
{
    switch (v) {
    case 0x0800: return 1;
    case 0x86dd: return 2;
    case 0x0806: return 3;
    case 0x8100: return 4;
    case 0x88cc: return 5;
    case 0xffffffff: return 6;
    default: return 0;
    }
}
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u32 t = (p[12] << 8) | p[13];
    int c = classify(t);
    int d;
    switch ((long)(signed char)p[14]) {
    case -100: d = 1; break;
    case -1: d = 2; break;
    case 7: d = 3; break;
    case 99: d = 4; break;
    default: d = 5;
    }
    out(0, c);
    out(1, d);
    return c;
}
