// CO-RE relocation roots in the shapes the compilers must agree on (CoreRelocationsVsClangTest compares each
// function's relocations with clang-22's): typedefs of anonymous and of named records, under qualifiers and under
// other typedefs, through ->, (*p)., a local copy, pointer indexing, a record without the attribute around one that
// has it, the builtins, and records defined inside a preserve_access_index record.
#define PAI __attribute__((preserve_access_index))
typedef struct { unsigned long long key[2]; } PAI key_t;
struct named { int a; int b; } PAI;
typedef struct named named_t;
typedef const named_t cnamed_t;
typedef key_t key2_t;
typedef named_t *named_ptr;
struct anon_holder { int z; struct { int p; int q; } in; } PAI;
struct nonpai { key_t k; int x; key_t arr[4]; };
struct plain { int a; int b; };
typedef struct plain plain_t;
typedef struct { int m; } anon_plain_t;
struct holder2 { int z; struct inner { int p; int q; } in; } PAI;
struct outer3 { int z; struct inner3 { int p; int q; } in; };
struct holder3 { int z; struct outer3 o; } PAI;
struct holder4 { int z; struct { int p; union { int q; int r; }; }; } PAI;

int f1(const key_t *k) { return k->key[1]; }
int f2(named_t *n) { return n->b; }
int f3(struct named *n) { return n->b; }
int f4(cnamed_t *n) { return n->b; }
int f5(struct anon_holder *h) { return h->in.q; }
int f6(key2_t *k) { return k->key[1]; }
int f7(struct { int u; int v; } PAI *p) { return p->v; }
int f8(key_t *k) { key_t c = *k; return c.key[1]; }
int f9(key_t *k) { return (*k).key[1]; }
int f10(key_t *k) { return k[1].key[1]; }
int f11(struct nonpai *n) { return n->k.key[1]; }
int f12(named_t *n) { return n[1].b; }
int f13(volatile named_t *n) { return n->b; }
int f14(named_ptr n) { return n->b; }
int f15(key_t *k) { return __builtin_preserve_access_index(k->key[0]); }
int f16(plain_t *p) { return __builtin_preserve_access_index(p->b); }
int f17(key_t *k) { return __builtin_preserve_field_info(k->key[1], 1); }
int f18(anon_plain_t *p) { return __builtin_preserve_field_info(p->m, 0); }
int f19(struct nonpai *n, int i) { return n->arr[i & 3].key[1]; }
int g1(struct inner *i) { return i->q; }
int g2(struct holder2 *h) { return h->in.q; }
int g3(struct holder3 *h) { return h->o.in.q; }
int g4(struct holder4 *h) { return h->r; }
