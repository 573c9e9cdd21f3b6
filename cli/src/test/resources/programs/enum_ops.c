// enums as integers: switch, arithmetic, sizeof, negative and large enumerators.
#include "common.h"
enum color { RED, GREEN = 5, BLUE, NEG = -3, BIG = 0x7fffffff };
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    enum color c = (enum color)(p[14] % 8);
    int v;
    switch (c) {
    case RED: v = 1; break;
    case GREEN: v = 2; break;
    case BLUE: v = 3; break;
    default: v = NEG;
    }
    out(0, (long)v);
    out(1, (long)(c + NEG));
    out(2, BIG + (__u64)c);
    out(3, sizeof(enum color));
    return v & 3;
}
