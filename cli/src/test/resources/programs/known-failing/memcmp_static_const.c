// DIFFERS (object layout, not behaviour): clang folds `__builtin_memcmp(p, magic, 1)` against the static const
// array and drops `magic`; jbpfc keeps it, so jbpfc's object has a .rodata map that clang's lacks.
// __builtin_memcmp of constant sizes (sign of the result only).
#include "common.h"
static const char magic[4] = "\x45\x00\x00\x00";
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u8 a[8], b[8];
    __builtin_memcpy(a, p + 14, 8);
    __builtin_memcpy(b, p + 22, 8);
    int c = __builtin_memcmp(a, b, 8);
    int d = __builtin_memcmp(a, a, 8);
    int e = __builtin_memcmp(p + 14, magic, 1);
    out(0, c < 0 ? 1 : c > 0 ? 2 : 0);
    out(1, d == 0);
    out(2, e == 0);
    return e == 0 ? 1 : 2;
}
