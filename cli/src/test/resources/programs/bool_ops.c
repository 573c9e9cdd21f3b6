// _Bool: conversion of any value to 0/1, logical operators, bool arrays.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    _Bool a = p[14], b = U32(15) & 0x100, c = (signed char)p[19] < 0;
    _Bool flags[8];
    for (int i = 0; i < 8; i++)
        flags[i] = p[20 + i] & 0x80;
    int n = 0;
    for (int i = 0; i < 8; i++)
        n += flags[i];
    out(0, a + b * 2 + c * 4);
    out(1, n);
    out(2, (_Bool)(a ^ b) == c);
    return n & 3;
}
