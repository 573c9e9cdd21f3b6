// A trip count from the packet, small enough for the plain loop to verify.
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
    unsigned int s = 7;
    int n = p[1] % 50;
    for (int i = 0; i < n; i++) s = s * 31 + (p[i & 63] ^ i);
    return s;
}
char LICENSE[] SEC("license") = "GPL";
