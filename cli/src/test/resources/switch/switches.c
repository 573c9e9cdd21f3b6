/* Switch shapes run in the kernel by SwitchKernelTest: each function maps one input to a value; the program reads
 * INPUTS 64-bit inputs from the packet and writes every function's result for each after them. */
typedef unsigned long u64;
typedef unsigned int u32;

/* Dense: every value of 0..9 its own result (a phi with a different value per case). */
static u32 dense(u32 x) {
    u32 r;
    switch (x) {
    case 0: r = 11; break; case 1: r = 12; break; case 2: r = 13; break; case 3: r = 15; break;
    case 4: r = 17; break; case 5: r = 19; break; case 6: r = 23; break; case 7: r = 29; break;
    case 8: r = 31; break; case 9: r = 37; break;
    default: r = 0;
    }
    return r;
}

/* Sparse values far apart, one at the top of the 32-bit range. */
static u32 sparse(u32 x) {
    switch (x) {
    case 1: return 5;
    case 100: return 6;
    case 1000: return 7;
    case 70000: return 8;
    case 0xfffffff0u: return 9;
    default: return 1;
    }
}

/* Runs of equal targets: 0..2, 1..6 split by a different target at 7, a run that goes to the default's code,
 * a run ending at the top of the range, pairs too short for a range. */
static u32 runs(u32 x) {
    u32 r = 3;
    switch (x) {
    case 0: case 1: case 2: r = 40; break;
    case 3: case 4: case 5: case 6: r = 41; break;
    case 7: r = 40; break;
    case 8: case 9: case 10: case 11: case 12: r = 41; break;
    case 20: case 21: r = 42; break;
    case 30: case 31: case 32: case 33: break;
    case 50: case 51: case 52: r = 3; break;
    case 0xfffffffdu: case 0xfffffffeu: case 0xffffffffu: r = 43; break;
    default: r = 3;
    }
    return r;
}

/* Fallthrough: each case adds its part and the ones after it. */
static u32 fallthrough(u32 x) {
    u32 r = 1;
    switch (x) {
    case 1: r += 1;
    case 2: r += 2;
    case 3: case 4: case 5: r += 4;
    case 9: r += 8; break;
    case 10: r += 16;
    default: r += 32;
    }
    return r;
}

/* The default in the middle, falling into the cases after it. */
static u32 default_middle(u32 x) {
    u32 r = 0;
    switch (x) {
    case 1: case 2: case 3: r = 5; break;
    default: r = 9;
    case 6: case 7: case 8: r += 3; break;
    case 12: r = 77;
    }
    return r;
}

/* Signed 32-bit: a run across zero, the extremes. */
static int signed32(int x) {
    switch (x) {
    case -5: case -4: case -3: case -2: case -1: return 60;
    case 0: return 61;
    case 1: case 2: case 3: return 62;
    case -2147483647 - 1: return 63;
    case 2147483647: return 64;
    case 4: case 5: case 6: case 7: return 60;
    default: return 65;
    }
}

/* Signed and unsigned 8- and 16-bit switches. */
static int narrow(u64 v) {
    signed char c = (signed char)v;
    unsigned short s = (unsigned short)v;
    int r = 0;
    switch (c) {
    case -128: case -127: case -126: r = 1; break;
    case -1: case 0: case 1: r = 2; break;
    case 127: r = 3; break;
    default: r = 4;
    }
    switch (s) {
    case 0: case 1: case 2: case 3: r += 10; break;
    case 255: case 256: case 257: r += 20; break;
    case 65533: case 65534: case 65535: r += 30; break;
    default: r += 40;
    }
    return r;
}

/* 64-bit unsigned: runs at 0, above 32 bits, at the top, a value that needs a 64-bit constant. */
static u32 unsigned64(u64 x) {
    switch (x) {
    case 0: case 1: case 2: case 3: case 4: return 70;
    case 0x100000000ul: case 0x100000001ul: case 0x100000002ul: case 0x100000003ul: return 71;
    case 0x7ffffffful: case 0x80000000ul: case 0x80000001ul: return 72;
    case 0xfffffffffffffffdul: case 0xfffffffffffffffeul: case 0xfffffffffffffffful: return 73;
    case 0x123456789ul: return 74;
    default: return 75;
    }
}

/* 64-bit signed: a run across zero (two runs when compared unsigned), the minimum. */
static u32 signed64(long x) {
    switch (x) {
    case -3: case -2: case -1: case 0: case 1: case 2: case 3: return 80;
    case -9223372036854775807l - 1: return 81;
    case 1000000: case 1000001: case 1000002: return 82;
    default: return 83;
    }
}

/* Many cases to one target with the same phi value (ScalingBenchmark's empty switch, small). */
static u32 many_same(u32 x) {
    u32 r = 0;
    switch (x) {
    case 0: break; case 3: break; case 6: break; case 9: break; case 12: break; case 15: break;
    case 16: break; case 17: break; case 18: break; case 19: break; case 40: break; case 41: break;
    default: r = 1;
    }
    return r;
}

/* 64-bit bit tests: cases within 64 of each other, masks above bit 31, three targets, a window not at 0. */
static u32 bits64(u64 x) {
    switch (x) {
    case 2: case 5: case 9: case 40: case 63: return 90;
    case 3: case 33: case 62: return 91;
    case 7: case 50: return 92;
    case 1000: case 1010: case 1020: case 1030: case 1040: case 1050: return 93;
    default: return 94;
    }
}

/* 32-bit bit tests with three targets and one with a fourth target that must stay out of it. */
static u32 bits32(u32 x) {
    switch (x) {
    case 100: case 104: case 108: case 131: return 95;
    case 101: case 113: case 120: return 96;
    case 102: case 125: return 97;
    case 103: return 98;
    case 200: case 202: case 204: case 206: case 208: case 231: case 232: return 99;
    default: return 100;
    }
}

#define INPUTS 4
#define SHAPES 12

struct xdp_md { u32 data, data_end, data_meta, ingress_ifindex, rx_queue_index, egress_ifindex; };

/* Packet: INPUTS little-endian u64 inputs, then for each input SHAPES u32 results. */
__attribute__((section("xdp"), used)) int prog(struct xdp_md *ctx) {
    unsigned char *data = (unsigned char *)(long)ctx->data;
    unsigned char *end = (unsigned char *)(long)ctx->data_end;
    if (data + INPUTS * 8 + INPUTS * SHAPES * 4 > end) return 1;
    u64 *in = (u64 *)data;
    u32 *out = (u32 *)(data + INPUTS * 8);
#pragma unroll
    for (int k = 0; k < INPUTS; k++) {
        u64 x = in[k];
        u32 *o = out + k * SHAPES;
        o[0] = dense((u32)x);
        o[1] = sparse((u32)x);
        o[2] = runs((u32)x);
        o[3] = fallthrough((u32)x);
        o[4] = default_middle((u32)x);
        o[5] = (u32)signed32((int)x);
        o[6] = (u32)narrow(x);
        o[7] = unsigned64(x);
        o[8] = signed64((long)x);
        o[9] = many_same((u32)x);
        o[10] = bits64(x);
        o[11] = bits32((u32)x);
    }
    return 2;
}

char _license[] __attribute__((section("license"), used)) = "GPL";
