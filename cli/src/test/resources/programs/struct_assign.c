// structs by value: initializers, whole-struct assignment, copies through pointers, struct-typed array elements.
#include "common.h"
struct pt { int x, y; short z; char tag; };
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    struct pt a = { .x = (signed char)p[14], .y = p[15], .z = (short)U16(16), .tag = p[18] };
    struct pt b = a, arr[3];
    b.x += 3;
    struct pt c;
    c = b;
    c.tag ^= 0x55;
    arr[0] = a; arr[1] = b; arr[2] = c;
    struct pt *q = &arr[p[19] % 3 == 0 ? 0 : 2];
    *q = arr[1];
    out(0, (long)a.x * b.x + (long)a.y * b.y + a.z * b.z);
    out(1, (long)c.x + c.tag);
    out(2, a.tag == c.tag);
    out(3, (long)arr[0].x + arr[2].tag);
    return c.y & 3;
}
