// char arrays (one from a string literal), searched byte by byte.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    char name[12] = {0};
    name[0] = 'p'; name[1] = 'a'; name[2] = 'c'; name[3] = 'k'; name[4] = 'e'; name[5] = 't';
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
