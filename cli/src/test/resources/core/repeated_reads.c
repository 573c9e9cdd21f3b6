// The same preserve_access_index field read twice (CoreRelocationsVsClangTest compares each function's
// relocations with clang-22's). The kernel's preload iterators read ctx->meta->seq and then ctx->meta->seq_num:
// clang-22 loads ctx->meta once, so its object has one relocation of iter_ctx::meta where jbpfc had two. Two
// relocations of the same record are patched with the same value, so the second load in the same block reads the
// first one's register; a write to memory in between (a call, a store) keeps both loads, and so does a branch in
// between (bpf_iter_task_file.c reads ctx->meta again after `if (!task) return 0`), as in clang.
#define PAI __attribute__((preserve_access_index))
struct meta { void *seq; unsigned long long seq_num; } PAI;
struct iter_ctx { struct meta *meta; void *map; int count; } PAI;
long use(void *p, unsigned long long n);

long iterator_prologue(struct iter_ctx *ctx) {
    void *seq = ctx->meta->seq;
    unsigned long long n = ctx->meta->seq_num;
    if (!ctx->map) return 0;
    return use(seq, n);
}
long same_field_twice(struct iter_ctx *ctx) { return ctx->count + ctx->count * 3; }
long across_a_call(struct iter_ctx *ctx) {
    long a = use(ctx->meta->seq, 0);
    return a + use(ctx->meta->seq, 1);
}
long across_a_store(struct iter_ctx *ctx, int *out) {
    int a = ctx->count;
    *out = a;
    return a + ctx->count;
}
long branch_between(struct iter_ctx *ctx) {
    void *seq = ctx->meta->seq;
    void *map = ctx->map;
    if (!map) return 0;
    if (ctx->meta->seq_num == 0) use(seq, 0);
    return use(map, 1);
}
// A first load used only in a branch is moved there by clang, so the second one stays (bpf_iter_ipv6_route.c's
// "nh = rt->nh; if (rt->nh)"); one used only where the second one is merges with it.
long used_in_branch_only(struct iter_ctx *ctx) {
    struct meta *m = ctx->meta;
    if (ctx->meta) return use(m->seq, 0);
    return 0;
}
int used_with_the_second(struct iter_ctx *ctx, int c) {
    int a = ctx->count;
    if (c) return 5;
    return a + ctx->count;
}
