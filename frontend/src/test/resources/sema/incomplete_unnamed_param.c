// An unnamed parameter of incomplete type in a definition is an error like a named one (reduced from a
// CorpusMutationTest mutant of btf__core_reloc_arrays___err_bad_zero_sz_arr.c: lowering threw "layout of
// incomplete struct x").
struct x; // expected-note 0-1 {{forward declaration}}
// expected-warning@+1 0-1 {{omitting the parameter name}}
void f(struct x) {} // expected-error {{variable has incomplete type 'struct x'}}
void g(struct x); /* a declaration may have one */
