// xdp_classify.c with one deliberate behaviour change (ICMP is dropped instead of passed): the differential test
// must find an input that shows it.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int xdp_classify(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;
	if (data + 14 > end)
		return XDP_ABORTED;
	if (data[12] != 0x08 || data[13] != 0x00)
		return XDP_PASS;
	if (data + 34 > end)
		return XDP_ABORTED;
	unsigned char proto = data[23];
	if (proto == 6 || proto == 1)
		return XDP_DROP;
	if (proto != 17)
		return XDP_PASS;
	for (int i = 0; i < 6; i++) {
		unsigned char t = data[i];
		data[i] = data[i + 6];
		data[i + 6] = t;
	}
	return XDP_TX;
}

char LICENSE[] SEC("license") = "GPL";
