// tc classifier: drops IPv4 TCP packets to port 23 (telnet), marks UDP, passes the rest.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <linux/in.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

SEC("tc")
int classify(struct __sk_buff *skb)
{
    void *data = (void *)(long)skb->data;
    void *data_end = (void *)(long)skb->data_end;
    struct ethhdr *eth = data;
    struct iphdr *ip = (void *)(eth + 1);

    if ((void *)(ip + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
        return TC_ACT_OK;
    if (ip->ihl != 5)
        return TC_ACT_OK;
    if (ip->protocol == IPPROTO_TCP) {
        struct tcphdr *tcp = (void *)(ip + 1);
        if ((void *)(tcp + 1) > data_end)
            return TC_ACT_OK;
        if (tcp->dest == bpf_htons(23))
            return TC_ACT_SHOT;
    } else if (ip->protocol == IPPROTO_UDP) {
        skb->mark = 0x42;
    }
    return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
