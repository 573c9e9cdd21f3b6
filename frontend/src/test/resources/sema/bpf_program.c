// expected-no-diagnostics
// The shape of a libbpf program: helper pointers, BTF-defined maps, sections, CO-RE through vmlinux-style types.
typedef unsigned int __u32;
typedef unsigned long long __u64;
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __always_inline inline __attribute__((always_inline))
#define __weak __attribute__((weak))
enum { BPF_MAP_TYPE_HASH = 1, BPF_ANY = 0 };
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *) 1;
static long (*bpf_map_update_elem)(void *map, const void *key, const void *value, __u64 flags) = (void *) 2;
static long (*bpf_probe_read_kernel)(void *dst, __u32 size, const void *unsafe_ptr) = (void *) 113;

#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)
struct task_struct { int pid; struct task_struct *parent; const char comm[16]; };
#pragma clang attribute pop

struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 1024);
  __type(key, __u32);
  __type(value, __u64);
} counts SEC(".maps");

char LICENSE[] SEC("license") = "GPL";
int global_flag __weak = 0;

static __always_inline __u64 bump(__u64 *v) { return ++*v; }

SEC("tp/sched/sched_switch")
int handle(void *ctx) {
  struct task_struct *t = ctx;
  __u32 key = t->parent->pid;
  __u64 one = 1, *v = bpf_map_lookup_elem(&counts, &key);
  if (v)
    bump(v);
  else
    bpf_map_update_elem(&counts, &key, &one, BPF_ANY);
  char comm[16];
  bpf_probe_read_kernel(comm, sizeof(comm), t->comm);
  return global_flag ? 0 : 1;
}
