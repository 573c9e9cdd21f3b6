// Every load, store, atomic and aggregate copy through an address_space(1) (arena) pointer reads or writes through
// `addrspacecast access ADDR, 1 to 0` of its address (clang-22: addr_space_cast(r, 0, 1) before the access), and a
// conversion between address spaces is an addrspacecast of the pointer; a null constant, a conversion back to the
// space a pointer came from, and `p ? p : NULL` (the type of p) need none.
#define __arena __attribute__((address_space(1)))
#define NULL ((void *)0)
struct node { int v; struct node __arena *next; int a[4]; };
int __arena counter;
int load_member(struct node __arena *n) { return n->v; }
void store_deref(int __arena *p) { *p = 1; }
int load_global(void) { return counter; }
void atomic_add(int __arena *p) { __sync_fetch_and_add(p, 1); }
void *to_generic(struct node __arena *n) { return (void *)n; }
struct node __arena *to_arena(struct node *n) { return (struct node __arena *)n; }
void copy_out(struct node *dst, struct node __arena *src) { *dst = *src; }
int array_member(struct node __arena *n, int i) { return n->a[i & 3]; }
int local_copy(struct node __arena *n) { struct node l = *n; return l.v; }
struct node __arena *keep_null(struct node __arena *n) { return n ? n : NULL; }
struct node __arena *round_trip(struct node __arena *n) { return (struct node __arena *)(void *)n; }
// CHECK-LABEL: @load_member
// CHECK: [[K:%[0-9a-z.]+]] = addrspacecast access {{%[0-9a-z.]+}}, 1 to 0
// CHECK-NEXT: load i32 [[K]]
// CHECK-LABEL: @store_deref
// CHECK: [[S:%[0-9a-z.]+]] = addrspacecast access {{%[0-9a-z.]+}}, 1 to 0
// CHECK-NEXT: store i32 1, [[S]]
// CHECK-LABEL: @load_global
// CHECK: [[G:%[0-9a-z.]+]] = addr @counter
// CHECK-NEXT: [[GK:%[0-9a-z.]+]] = addrspacecast access [[G]], 1 to 0
// CHECK-NEXT: load i32 [[GK]]
// CHECK-LABEL: @atomic_add
// CHECK: [[A:%[0-9a-z.]+]] = addrspacecast access {{%[0-9a-z.]+}}, 1 to 0
// CHECK-NEXT: atomicrmw {{.*}}add i32 [[A]], 1
// CHECK-LABEL: @to_generic
// CHECK: addrspacecast {{%[0-9a-z.]+}}, 1 to 0
// CHECK-LABEL: @to_arena
// CHECK: addrspacecast {{%[0-9a-z.]+}}, 0 to 1
// CHECK-LABEL: @copy_out
// CHECK: [[C:%[0-9a-z.]+]] = addrspacecast access {{%[0-9a-z.]+}}, 1 to 0
// CHECK: memcpy {{%[0-9a-z.]+}}, [[C]], 32
// CHECK-LABEL: @array_member
// CHECK: [[E:%[0-9a-z.]+]] = addrspacecast access {{%[0-9a-z.]+}}, 1 to 0
// CHECK-NEXT: load i32 [[E]]
// CHECK-LABEL: @local_copy
// CHECK: [[L:%[0-9a-z.]+]] = addrspacecast access {{%[0-9a-z.]+}}, 1 to 0
// CHECK-NEXT: memcpy {{%[0-9a-z.]+}}, [[L]], 32
// CHECK-LABEL: @keep_null
// CHECK-NOT: addrspacecast
// CHECK-LABEL: @round_trip
// CHECK: [[R:%[0-9a-z.]+]] = load ptr %n.addr
// CHECK: ret ptr [[R]]
