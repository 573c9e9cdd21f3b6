// A 64-bit counter.
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
    long s = 0;
    for (long i = 3; i < N + 3; i++) s += p[i & 63] - i;
    return (int)(s ^ (s >> 32));
}
char LICENSE[] SEC("license") = "GPL";
