// reading bitfields (signed and unsigned) from a struct filled from the packet.
#include "common.h"
struct bf { unsigned a : 3, b : 5; int c : 4; unsigned d : 12; int e : 8; };
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    struct bf f;
    __builtin_memcpy(&f, p + 14, sizeof(f));
    out(0, f.a);
    out(1, f.b);
    out(2, (long)f.c);
    out(3, f.d);
    out(4, (long)f.e);
    return f.a & 3;
}
