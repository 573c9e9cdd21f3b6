// One function per form of arena access or conversion: ArenaCastsVsClangTest checks that jbpfc's object has, per
// function, the addr_space_cast instructions clang-22's has (as many, converting between the same spaces), and the
// addr_space_cast spelling survives -S then -c.
#define __arena __attribute__((address_space(1)))
#define NULL ((void *)0)
#define SEC(name) __attribute__((section(name), used))

struct node { int v; long w; struct node __arena *next; int a[4]; };
struct bits { int lo:3, hi:5; };
int __arena counter;
char __arena bytes[16];
struct node __arena nodes[2];

int load_member(struct node __arena *n) { return n->v; }
long two_fields_one_cast(struct node __arena *n) { return n->v + n->w; }
void store_deref(int __arena *p) { *p = 1; }
int global_scalar(void) { return counter; }
int global_index(int i) { return bytes[i & 15]; }
int global_struct_array(int i) { return nodes[i & 1].a[3]; }
int array_member(struct node __arena *n, int i) { return n->a[i & 3] + n->a[1]; }
void fetch_add(int __arena *p) { __sync_fetch_and_add(p, 1); }
long exchange(long __arena *p, long v) { return __sync_lock_test_and_set(p, v); }
long compare_exchange(long __arena *p, long v) { return __sync_val_compare_and_swap(p, 0, v); }
void *to_generic(struct node __arena *n) { return (void *)n; }
struct node __arena *to_arena(struct node *n) { return (struct node __arena *)n; }
void *field_to_generic(struct node __arena *n) { return (void *)&n->w; }
void copy_out(struct node *dst, struct node __arena *src) { *dst = *src; }
void copy_in(struct node __arena *dst, struct node *src) { *dst = *src; }
void zero(struct node __arena *dst) { *dst = (struct node){}; }
int bitfield_read(struct bits __arena *p) { return p->hi; }
void bitfield_write(struct bits __arena *p) { p->hi = 3; }
void bump_next(struct node __arena *n) { n->next->v++; }
int walk(struct node __arena *n) { int s = 0; for (; n; n = n->next) s += n->v; return s; }
int both_branches(struct node __arena *n, int c) { int s = c ? n->v : (int)n->w; return s + n->next->v; }
struct node __arena *round_trip(struct node __arena *n) { void *t = (void *)n; return (struct node __arena *)t; }

SEC("syscall") int prog(void *ctx)
{
	return global_scalar();
}

char _license[] SEC("license") = "GPL";
