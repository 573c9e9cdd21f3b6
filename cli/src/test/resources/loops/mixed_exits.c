// return, break and continue in one loop, two carried values (one takes the other's old value), the counter after it.
#define SEC(n) __attribute__((section(n), used))
struct xdp_md { unsigned int data, data_end, data_meta, ingress_ifindex, rx_queue_index, egress_ifindex; };
#ifndef N
#define N 40
#endif
SEC("xdp") int prog(struct xdp_md *ctx) {
    unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
    unsigned char p[64];
    if (d + 64 > e) return 0;
    __builtin_memcpy(p, d, 64);
    unsigned int s = p[0], t = 1;
    int i;
    for (i = 0; i < N; i++) {
        unsigned char v = p[(i * 5) & 63];
        if (v == 0x33) return 7000 + i;
        if (v > 0xf0) break;
        if (v & 1) continue;
        unsigned int old = s;
        s = s * 3 + v;
        t ^= old;
    }
    return s + (t << 3) + i * 65536;
}
char LICENSE[] SEC("license") = "GPL";
