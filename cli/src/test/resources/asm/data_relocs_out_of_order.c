// Pointers in data initialised out of layout order (designated initialisers, as struct_ops tables are written):
// -S prints the .quad lines at their offsets, and the object lists the relocations by offset either way.
static __attribute__((noinline)) int first(void) { return 1; }
static __attribute__((noinline)) int second(void) { return 2; }
int counter;
struct ops { void *a; char name[16]; void *b; int *c; };
__attribute__((section(".data.ops"))) struct ops table = { .c = &counter, .b = (void *)second, .name = "ops", .a = (void *)first };
__attribute__((section("xdp"))) int prog(void *ctx) { return first() + second() + counter; }
