// unsigned short arithmetic with wrap on store.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 32);
    unsigned short a = U16(14), b = U16(16), c;
    c = a + b; out(0, c);
    c = a - b; out(1, c);
    c = a * b; out(2, c);
    c = ~a; out(3, c);
    out(4, (unsigned short)(a << 3));
    p[0] = c >> 8; p[1] = c;
    return (a ^ b) & 3;
}
