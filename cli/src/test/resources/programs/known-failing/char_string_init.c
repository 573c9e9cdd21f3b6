// DIFFERS (object layout, not behaviour): `char name[12] = "packet"` - clang stores the initializer with
// immediates, jbpfc copies it from .rodata.str1.1, so that map's contents differ between the objects.
// char arrays initialized from string literals, searched byte by byte.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    char name[12] = "packet";
    const char hexd[] = "0123456789abcdef";
    for (int i = 0; i < 4; i++) {
        p[20 + 2 * i] = hexd[p[14 + i] >> 4];
        p[21 + 2 * i] = hexd[p[14 + i] & 15];
    }
    int len = 0;
    for (int i = 0; i < 12; i++) {
        if (!name[i])
            break;
        len++;
    }
    for (int i = 0; i < 6; i++)
        if (i == p[18] % 6)
            name[i] = 'X';
    out(0, len);
    out(1, name[0] + name[5] * 256);
    return len & 3;
}
