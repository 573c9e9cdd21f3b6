// Arena code through the whole -O2 pass list, with the IR verifier after every pass: the lowering's access casts
// become one cast per pointer (arena-casts), a cast used only past a null check moves below it (sink), and no
// pass breaks a module that holds addrspacecasts (loop rotation and LICM run after arena-casts).
// PASSES: inline,sccp,devirt,constfold,simplifycfg,cse,loop-lowering,unroll,sccp,constfold,is-constant,mem-size,simplifycfg,jump-thread,cse,store-forward,devirt,redundant-loads,cse,iter-addresses,dce,simplifycfg,dce,arena-casts,sink,loop-rotate,licm,division-bounds
#define __arena __attribute__((address_space(1)))
struct node { struct node __arena *next; long v; };
long __arena total;
static inline void link_first(struct node __arena *n, struct node __arena * __arena *head)
{
	struct node __arena *first = *head;
	n->next = first;
	if (first)
		first->v++;
	*head = n;
}
long add(struct node __arena *n, struct node __arena * __arena *head)
{
	link_first(n, head);
	return n->v;
}
long sum(struct node __arena *n)
{
	long s = 0;
	for (int i = 0; n && i < 64; i++, n = n->next) {
		s += n->v;
		total += n->v;
	}
	return s;
}
// OPT-LABEL: @add
// OPT: [[H:%[0-9a-z.]+]] = addrspacecast %head, 1 to 0
// OPT: [[FIRST:%[0-9a-z.]+]] = load ptr [[H]]
// OPT: condbr
// OPT: addrspacecast [[FIRST]], 1 to 0
// OPT-LABEL: @sum
// OPT: [[T:%[0-9a-z.]+]] = addrspacecast {{%[0-9a-z.]+}}, 1 to 0
// OPT: load i64 [[T]]
// OPT: store i64 {{%[0-9a-z.]+}}, [[T]]
