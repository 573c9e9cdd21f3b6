// CO-RE relocations of every kind libbpf resolves against the running kernel's BTF, on local "flavors" (a
// ___suffix libbpf strips) whose layout and enumerator values differ from the kernel's, so every result below is
// the kernel's, patched by libbpf, not the local value. Regression: enumerator relocations carried the access
// string "0:N" (libbpf: "parsing [N] enum bpf_func_id + 0:173 failed: -22"), and an enumerator's value sat in a
// 32-bit mov that libbpf cannot patch with a 64-bit kernel value (perf_callchain_context is an ENUM64).
#include "common.h"
#include <bpf/bpf_core_read.h>

enum bpf_func_id___local { BPF_FUNC_map_update_elem___local = 99, BPF_FUNC_no_such_helper___local = 7 };
enum perf_callchain_context___local { PERF_CONTEXT_KERNEL___local = 5 };

struct tcphdr___local {
    __u32 pad[3];
    __u16 doff:4, res1:4, cwr:1, ece:1, urg:1, ack:1, psh:1, rst:1, syn:1, fin:1;
    __u16 window;
    int no_such_field;
} __attribute__((preserve_access_index));

struct xdp_md___local { __u64 pad; __u32 ingress_ifindex; } __attribute__((preserve_access_index));
struct no_such_type___local { int x; };

SEC("xdp") int prog(struct xdp_md *ctx)
{
    struct tcphdr___local *t = 0;
    struct xdp_md___local *x = 0;
    out(0, bpf_core_enum_value(enum bpf_func_id___local, BPF_FUNC_map_update_elem___local));
    out(1, bpf_core_enum_value_exists(enum bpf_func_id___local, BPF_FUNC_map_update_elem___local)
           | bpf_core_enum_value_exists(enum bpf_func_id___local, BPF_FUNC_no_such_helper___local) << 1);
    out(2, bpf_core_enum_value(enum perf_callchain_context___local, PERF_CONTEXT_KERNEL___local));
    out(3, bpf_core_type_exists(struct tcphdr___local) | bpf_core_type_exists(struct no_such_type___local) << 1);
    out(4, bpf_core_type_size(struct tcphdr___local) | bpf_core_type_size(struct xdp_md___local) << 8);
    out(5, __builtin_preserve_field_info(t->doff, BPF_FIELD_BYTE_OFFSET)
           | __builtin_preserve_field_info(t->window, BPF_FIELD_BYTE_OFFSET) << 8
           | __builtin_preserve_field_info(x->ingress_ifindex, BPF_FIELD_BYTE_OFFSET) << 16);
    out(6, __builtin_preserve_field_info(t->doff, BPF_FIELD_BYTE_SIZE)
           | __builtin_preserve_field_info(t->doff, BPF_FIELD_SIGNED) << 8
           | __builtin_preserve_field_info(t->window, BPF_FIELD_SIGNED) << 9);
    out(7, __builtin_preserve_field_info(t->doff, BPF_FIELD_LSHIFT_U64)
           | __builtin_preserve_field_info(t->doff, BPF_FIELD_RSHIFT_U64) << 8
           | __builtin_preserve_field_info(t->syn, BPF_FIELD_LSHIFT_U64) << 16
           | __builtin_preserve_field_info(t->syn, BPF_FIELD_RSHIFT_U64) << 24);
    out(8, bpf_core_field_exists(t->window) | bpf_core_field_exists(t->no_such_field) << 1);
    return XDP_PASS;
}
