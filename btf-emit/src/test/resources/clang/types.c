typedef unsigned long long u64;
typedef _Bool bool;
enum small { S1 = 1, S2 = 200 };
enum neg { N1 = -5, N2 = 7 };
enum big { X = 0x100000000ULL, Y = 1 };
enum sbig { Z = -0x100000000LL };
struct fwdonly;
union un { int i; float f; double d; unsigned char uc; bool b; signed char sc; short s; unsigned short us; long l; __int128 x; };
struct tagged { int a __attribute__((btf_decl_tag("member_tag"))); int * __attribute__((btf_type_tag("user"))) p; } __attribute__((btf_decl_tag("struct_tag")));
struct withfn { int (*cb)(const char *restrict fmt, ...); struct fwdonly *f; volatile int v; int flex[]; };
extern int ext_fn(int a, int b) __attribute__((weak));
extern int ext_var __attribute__((section(".ksyms")));
struct all { enum small s; enum neg n; enum big b; enum sbig sb; union un u; struct tagged t; struct withfn w; };
struct all g_all;
__attribute__((btf_decl_tag("fn_tag"))) static __attribute__((noinline)) int sub(int x __attribute__((btf_decl_tag("arg_tag")))) { return x + ext_var; }
int __attribute__((section("tc"))) prog(void *ctx) { return sub(1) + ext_fn(1,2) + g_all.w.v; }
char _license[] __attribute__((section("license"))) = "GPL";

/* More kinds: type tags behind pointers, 2-D arrays, anonymous members, bitfields, typedef chains, recursion. */
#define __tag(x) __attribute__((btf_type_tag(x)))
struct list_head { struct list_head *next, *prev; };
struct tree { struct tree *kids[2]; struct forest *owner; };
struct forest { struct tree *root; int count; };
typedef struct tree tree_t;
typedef const volatile tree_t cv_tree_t;
struct mixed {
	int __tag("user") *uptr;
	char grid[3][4];
	union { int ival; unsigned uval; };
	struct { short lo, hi; } pair;
	unsigned long long a:3, b:61;
	signed char s:4;
	_Bool flag:1;
	struct list_head lh;
	cv_tree_t *tp;
	void (*fnp)(void);
	float fl;
	long double ld;
};
struct mixed g_mixed;
struct forest g_forest;
static int s_counter __attribute__((used));
const volatile int rodata_knob = 7;
int data_val = 5;
int __attribute__((section("tc"))) prog2(struct mixed *m) { return m->a + m->s + g_forest.count + rodata_knob + data_val + s_counter; }
