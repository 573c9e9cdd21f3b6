// Globals in address space 1 (__arena) next to ordinary ones: clang-22 puts every object of address space N in
// ".addr_space.N" (zero or not, const or not, static or not), unless it names its own section; a pointer to arena
// memory is an ordinary global. ArenaGlobalsVsClangTest compares jbpfc's object of this file with clang-22's.
#define __arena __attribute__((address_space(1)))
#define SEC(name) __attribute__((section(name), used))

int __arena zero_global;
int __arena initialized = 5;
// Not read below: clang folds a read of it to 7, a difference of code, not of layout.
const int __arena constant = 7;
static int __arena static_counter;
int __arena named[4] SEC(".data.named");
int plain;
int __arena *arena_pointer;
struct pair { int a, b; } __arena pair_global;
int __arena matrix[2][3];
typedef int arena_row[8];
arena_row __arena typedef_row;

SEC("xdp") int use_arena_globals(void *ctx)
{
	static_counter++;
	return zero_global + initialized + static_counter + named[1] + plain + pair_global.b +
	       matrix[1][2] + typedef_row[3] + (arena_pointer != 0);
}

char _license[] SEC("license") = "GPL";
