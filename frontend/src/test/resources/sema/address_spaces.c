// clang refuses an implicit conversion between address spaces (an arena pointer where a generic one is wanted, or
// back): only a cast converts, and only a cast gets an addr_space_cast. A null pointer constant converts to either,
// pointers of one space mix freely, and the memory builtins and atomics take arena pointers as they are.
#define __arena __attribute__((address_space(1)))
#define NULL ((void *)0)
struct node { int v; };
void take(void *p);
void take_arena(struct node __arena *p);

void *ret_generic(struct node __arena *n) { return n; } // expected-error {{from a function with result type 'void *' changes address space of pointer}}
struct node __arena *ret_arena(struct node *n) { return n; } // expected-error {{changes address space of pointer}}
void pass(struct node __arena *n, struct node *m) {
  take(n);       // expected-error {{to parameter of type 'void *' changes address space of pointer}}
  take_arena(m); // expected-error {{changes address space of pointer}}
}
void assign(struct node __arena *n) {
  void *g;
  g = n;         // expected-error {{to 'void *' changes address space of pointer}}
  void *h = n;   // expected-error {{initializing 'void *' with an expression of type}}
}
void *mixed(struct node __arena *n, struct node *m, int c) {
  long d = n - m; // expected-error {{arithmetic operation with operands of type}}
  return c ? n : m; // expected-error {{and 'struct node *') which are pointers to non-overlapping address spaces}}
}

struct node __arena *accepted(struct node __arena *n, struct node __arena *o, struct node *m, int c) {
  struct node __arena *z = NULL;
  struct node __arena *k = 0;
  void __arena *v = n;
  take((void *)n);
  take_arena((struct node __arena *)m);
  __builtin_memcpy(n, m, sizeof(*m));
  __builtin_memset(n, 0, sizeof(*n));
  __sync_fetch_and_add(&n->v, 1);
  long d = n - o;
  int same = n == o;
  z = c ? n : NULL;
  k = c ? n : o;
  return same + d ? z : k;
}

// An object in an address space is a global (or a static local): the stack, parameters and struct members are
// generic memory.
struct in_arena { int __arena x; }; // expected-error {{field may not be qualified with an address space}}
int param_in_arena(int __arena p) { return p; } // expected-error {{parameter may not be qualified with an address space}}
int local_in_arena(void) {
  int __arena x = 1;     // expected-error {{automatic variable qualified with an address space}}
  int __arena arr[2];    // expected-error {{automatic variable qualified with an address space}}
  static int __arena kept;
  return kept;
}
