// An unsigned counter compared with <=.
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
    unsigned int s = 0;
    for (unsigned int i = 1; i <= N; i++) s += p[i % 64] * i;
    return s;
}
char LICENSE[] SEC("license") = "GPL";
