// jbpfc emits no addr_space_cast, so every access through an address_space(1) (arena) pointer, and every pointer
// conversion between address spaces, is refused with the access's location instead of being miscompiled.
#define __arena __attribute__((address_space(1)))
struct node { int v; struct node __arena *next; };
int __arena counter;
char __arena arr[16];
int load_member(struct node __arena *n) { return n->v; }
void store_deref(int __arena *p) { *p = 1; }
int load_index(int i) { return arr[i & 15]; }
int load_global(void) { return counter; }
void atomic_add(int __arena *p) { __sync_fetch_and_add(p, 1); }
void *to_generic(struct node __arena *n) { return (void *)n; }
void copy_out(struct node *dst, struct node __arena *src) { *dst = *src; }
void bump(struct node __arena *n) { n->next->v++; }
// expected-error: arena_access_refused.c:7:50: error: jbpfc cannot compile accesses through address_space(1) pointers yet
// expected-error: arena_access_refused.c:8:39: error: jbpfc cannot compile accesses through address_space(1)
// expected-error: arena_access_refused.c:9:35: error: jbpfc cannot compile accesses through address_space(1)
// expected-error: arena_access_refused.c:10:32: error: jbpfc cannot compile accesses through address_space(1)
// expected-error: arena_access_refused.c:11:55: error: jbpfc cannot compile accesses through address_space(1)
// expected-error: arena_access_refused.c:12:51: error: jbpfc cannot compile conversions between address_space(1) and address_space(0) pointers yet
// expected-error: arena_access_refused.c:13:66: error: jbpfc cannot compile accesses through address_space(1)
// expected-error: arena_access_refused.c:14:37: error: jbpfc cannot compile accesses through address_space(1)
