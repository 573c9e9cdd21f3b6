// two-dimensional stack array.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    unsigned char m[4][4];
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
            m[i][j] = p[14 + i * 4 + j];
    __u32 tr = 0, s = 0;
    for (int i = 0; i < 4; i++) {
        tr += m[i][i];
        s += m[i][3 - i];
    }
    unsigned r = p[30] & 3, c = p[31] & 3;
    __u32 rc = 0, cr = 0;
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++) {
            if (i == r && j == c)
                rc = m[i][j];
            if (i == c && j == r)
                cr = m[i][j];
        }
    out(0, tr);
    out(1, s);
    out(2, rc);
    p[0] = cr;
    return tr & 3;
}
