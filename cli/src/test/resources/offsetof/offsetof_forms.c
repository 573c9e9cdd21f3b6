/* offsetof written without __builtin_offsetof, as libbpf's and the kernel's fallbacks do, in code and in integer
 * constant expressions; clang-22 folds each to the member's offset, and keeps a CO-RE relocation for a
 * preserve_access_index record or inside __builtin_preserve_access_index. */
struct inner { int x; int arr[4]; };
struct plain { long head; struct inner in; char c; };
struct __attribute__((preserve_access_index)) relocated { long head; struct inner in; char c; };

#define OFFSET_CAST(T, m) ((unsigned long)&((T *)0)->m)
#define OFFSET_DIFF(T, m) ((char *)&((T *)0)->m - (char *)0)
#define CONTAINER_OF(ptr, T, m) ((T *)((char *)(ptr) - OFFSET_CAST(T, m)))

unsigned long cast_member(void) { return OFFSET_CAST(struct plain, c); }
unsigned long cast_path(void) { return (unsigned long)&((struct plain *)0)->in.arr[2]; }
long pointer_difference(void) { return OFFSET_DIFF(struct plain, in.x); }
struct plain *container(int *p) { return CONTAINER_OF(p, struct plain, in.arr[1]); }
int narrowed(void) { return (int)OFFSET_CAST(struct plain, in.arr[3]); }
long indexed(int i) { return OFFSET_CAST(struct plain, in.arr[1]) + i; }

unsigned long relocated_member(void) { return OFFSET_CAST(struct relocated, c); }
unsigned long relocated_path(void) { return OFFSET_CAST(struct relocated, in.arr[2]); }
long relocated_difference(void) { return OFFSET_DIFF(struct relocated, c); }
struct relocated *relocated_container(char *p) { return CONTAINER_OF(p, struct relocated, c); }
/* an arena pointer type (address space 1), where the missing fold was first seen */
unsigned long arena_member(void) { return OFFSET_CAST(struct plain __attribute__((address_space(1))), in.arr[2]); }

unsigned long builtin_preserved(void)
{
	return __builtin_preserve_access_index(OFFSET_CAST(struct plain, in.arr[2]));
}

/* integer constant expressions (GNU folding, as clang accepts them) */
unsigned long offset_global = OFFSET_CAST(struct plain, in.arr[3]);
long difference_global = OFFSET_DIFF(struct relocated, c);
enum { ENUM_OFFSET = OFFSET_CAST(struct plain, c) };
_Static_assert(OFFSET_DIFF(struct plain, in.arr[1]) == 16, "offset of in.arr[1]");

int case_label(int x)
{
	switch (x) {
	case OFFSET_CAST(struct plain, c): return 1;
	case OFFSET_DIFF(struct relocated, in): return 2;
	case ENUM_OFFSET + 1: return 3;
	}
	return 0;
}
