// unsigned char arithmetic: promotion to int, truncation on store, wrap-around.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 32);
    unsigned char a = p[14], b = p[15], c;
    c = a + b; out(0, c);
    c = a - b; out(1, c);
    c = a * b; out(2, c);
    out(3, (unsigned char)(a + b) < a);
    out(4, a + b);          /* int, not truncated */
    p[0] = c ^ a;
    return (unsigned char)(a * 3 + b) & 3;
}
