// Which types a program's .BTF carries (BtfUsedTypesKernelTest): each struct below is reached in one of the ways
// clang-22 tells apart, and the program stores the local BTF ids of some of them (CO-RE TYPE_ID_LOCAL relocations,
// whose constants must follow jbpfc's renumbering of the types it keeps).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct only_pointed { int a; };           // only through member pointers: FWD
struct behind_member { int a2; };         // through member pointers, and a TYPE_ID_LOCAL of its typedef: full
struct behind_const { int b; };           // through a `const struct behind_const *` member met twice: full
struct behind_const_once { int c; };      // the same, met once: FWD
struct element { int d; };                // through an array of pointers: full (array elements start afresh)
struct callback_arg { int e; };           // through a function pointer member's parameter: full
struct map_key { int f; };                // a map's key: full
struct map_value { struct only_pointed *inner; struct behind_member *bm; long g; }; // a map's value: full
struct only_id { int h; };                // named only by bpf_core_type_id_local: full
typedef struct behind_member behind_member_t;
struct task_struct { int pid; };          // a kernel type's local flavour, for bpf_core_type_exists: full
union only_union { int i; long j; };

struct holder {
	struct only_pointed *p;
	struct behind_member *m;
	const struct behind_const *c1, *c2;
	const struct behind_const_once *once;
	struct element *elems[2];
	int (*cb)(struct callback_arg *);
	union only_union *u;
	long k;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, struct map_key);
	__type(value, struct map_value);
} table SEC(".maps");

struct holder *global_holder;
unsigned int ids[6];

SEC("xdp")
int used_types(struct xdp_md *ctx)
{
	struct map_key key = { .f = 1 };
	struct map_value *v = bpf_map_lookup_elem(&table, &key);

	ids[0] = bpf_core_type_id_local(struct holder);
	ids[1] = bpf_core_type_id_local(struct only_id);
	ids[2] = bpf_core_type_id_local(struct map_value);
	ids[3] = bpf_core_type_id_local(behind_member_t);
	ids[4] = bpf_core_type_id_local(union only_union);
	ids[5] = bpf_core_type_exists(struct task_struct);
	if (!v)
		return XDP_DROP;
	return global_holder ? XDP_TX : XDP_PASS;
}

char _license[] SEC("license") = "GPL";
