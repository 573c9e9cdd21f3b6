// CO-RE: a chain's relocation names its root record as the source spells it: through a typedef, the typedef (top
// qualifiers dropped), as clang-22 does (llvm-objdump-22 -dr on the same source: "typedef key_t::key[1] (0:0:1)",
// "typedef named_t::b (0:1)", "struct named::b (0:1)"). libbpf finds candidates by that type's name, so a typedef
// of an anonymous struct (vmlinux.h's siphash_key_t) must not be replaced by the nameless struct under it. Indexing
// a pointer (p[1].b) names the record itself, as clang does. Records defined inside a preserve_access_index record
// inherit it (h->in.q is one relocation "0:1:1" in clang, not "0:1" then +4).
#define PAI __attribute__((preserve_access_index))
typedef struct { unsigned long long key[2]; } PAI key_t;
struct named { int a; int b; } PAI;
typedef struct named named_t;
typedef const named_t cnamed_t;
struct holder { int z; struct inner { int p; int q; } in; } PAI;
long ids(void) {
    return __builtin_btf_type_id(*(key_t *)0, 0) + __builtin_btf_type_id(*(struct named *)0, 0)
         + __builtin_btf_type_id(*(named_t *)0, 0) + __builtin_btf_type_id(*(cnamed_t *)0, 0);
}
long through_typedef(const key_t *k, named_t *n, cnamed_t *c, volatile named_t *v) {
    key_t local = *k;
    return k->key[1] + n->b + c->b + v->b + local.key[0] + __builtin_preserve_field_info(k->key[0], 1);
}
int through_struct(struct named *s, named_t *n) { return s->b + n[1].b; }
int nested_definition(struct holder *h, struct inner *i) { return h->in.q + i->p; }
// CHECK-LABEL: define global i64 @ids
// CHECK: core_field type_id_local i64 btf [[KEYT:[0-9]+]] "0"
// CHECK: core_field type_id_local i64 btf [[NAMED:[0-9]+]] "0"
// CHECK: core_field type_id_local i64 btf [[NAMEDT:[0-9]+]] "0"
// CHECK: core_field type_id_local i64 btf [[CNAMEDT:[0-9]+]] "0"
// CHECK-LABEL: define global i64 @through_typedef
// CHECK: core_field byte_offset i64 btf [[KEYT]] "0:0:1"
// CHECK: core_field byte_offset i64 btf [[NAMEDT]] "0:1"
// CHECK: core_field byte_offset i64 btf [[CNAMEDT]] "0:1"
// CHECK: core_field byte_offset i64 btf [[NAMEDT]] "0:1"
// CHECK: core_field byte_offset i64 btf [[KEYT]] "0:0:0"
// CHECK: core_field byte_size i32 btf [[KEYT]] "0:0:0"
// CHECK-LABEL: define global i32 @through_struct
// CHECK: core_field byte_offset i64 btf [[NAMED]] "0:1"
// CHECK: core_field byte_offset i64 btf [[NAMED]] "1:1"
// CHECK-LABEL: define global i32 @nested_definition
// CHECK: core_field byte_offset i64 btf {{[0-9]+}} "0:1:1"
// CHECK-NOT: ptradd {{%[0-9]+}}, 4
// CHECK: core_field byte_offset i64 btf {{[0-9]+}} "0:0"
