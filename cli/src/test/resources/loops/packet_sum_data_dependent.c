// The loop of issue 12 as written, with a trip count read from the packet (below N).
#define SEC(n) __attribute__((section(n), used))
struct xdp_md { unsigned int data, data_end, data_meta, ingress_ifindex, rx_queue_index, egress_ifindex; };
#ifndef N
#define N 40
#endif
SEC("xdp") int prog(struct xdp_md *ctx) {
    unsigned char *p = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
    if (p + 64 > end) return 2; /* XDP_PASS */
    unsigned int s = 0;
    int n = (p[0] | p[1] << 8 | p[2] << 16) % N;
    for (int i = 0; i < n; i++) s += p[i & 63] ^ i;
    return s;
}
char LICENSE[] SEC("license") = "GPL";
