// Reads the packet without comparing against data_end: the verifier must refuse it with
// "invalid access to packet". The second program does the check and must load, whatever its neighbour did.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int xdp_unchecked(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;
	return data[20] == 1 ? XDP_DROP : XDP_PASS;
}

SEC("xdp")
int xdp_checked(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;
	if (data + 21 > end)
		return XDP_PASS;
	return data[20] == 1 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
