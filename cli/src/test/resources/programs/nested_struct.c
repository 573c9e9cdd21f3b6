// nested structs and arrays of structs.
#include "common.h"
struct inner { __u16 a; __u8 b[3]; };
struct outer { __u32 id; struct inner in[2]; struct { __u8 x, y; } anon; };
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    struct outer o = {0};
    o.id = U32(14);
    o.in[0].a = U16(18);
    o.in[1].a = U16(20);
    for (int i = 0; i < 3; i++) {
        o.in[0].b[i] = p[22 + i];
        o.in[1].b[i] = p[25 + i];
    }
    o.anon.x = p[28];
    o.anon.y = o.in[p[29] & 1].b[1];
    struct inner c = o.in[1];
    out(0, o.id + c.a);
    out(1, o.in[0].b[2] * 256 + c.b[0]);
    out(2, o.anon.x ^ o.anon.y);
    out(3, sizeof(o));
    return c.b[2] & 3;
}
