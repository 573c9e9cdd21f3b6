// structs copied by value (assignment, initializer) and passed to an inlined function.
#include "common.h"
struct pt { int x, y; short z; char tag; };
static __always_inline long dot(struct pt a, struct pt b) { return (long)a.x * b.x + (long)a.y * b.y + a.z * b.z; }
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    struct pt a = { .x = (signed char)p[14], .y = p[15], .z = (short)U16(16), .tag = p[18] };
    struct pt b = a;
    b.x += 3;
    struct pt c;
    c = b;
    c.tag ^= 0x55;
    out(0, dot(a, b));
    out(1, (long)c.x + c.tag);
    out(2, a.tag == c.tag);
    return c.y & 3;
}
