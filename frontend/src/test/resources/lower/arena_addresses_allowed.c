// Only accesses and conversions between spaces need addr_space_cast: address arithmetic, comparisons, a null
// pointer and conversions within one address space (a member's address stays in its object's space) compile as
// plain pointer code, with no load or store through the arena pointer.
#define __arena __attribute__((address_space(1)))
struct node { int v; struct node __arena *next; };
char __arena arr[16];
int __arena *field_address(struct node __arena *n) { return &n->v; }
struct node __arena *next_address(struct node __arena *n) { return (struct node __arena *)&n->next; }
char __arena *element_address(int i) { return &arr[i & 15]; }
int is_null(struct node __arena *n) { return n == 0; }
struct node __arena *null_node(void) { return 0; }
// OPT-LABEL: @field_address
// OPT-NOT: load
// OPT-LABEL: @next_address
// OPT: ptradd
// OPT-NOT: load
// OPT-LABEL: @element_address
// OPT-NOT: load
// OPT-LABEL: @is_null
// OPT-NOT: load
// OPT-LABEL: @null_node
