// offsetof written without __builtin_offsetof (libbpf's and the kernel's fallbacks) folds in every integer
// constant expression context, as clang does. Without -pedantic clang warns only where an array may not be
// variable length (-Wgnu-folding-constant); the address of a bit-field is an error.
struct inner { int x; int arr[4]; };
struct s { long head; struct inner in; char c; unsigned bf : 3; };
#define OFFSET_CAST(T, m) ((unsigned long)&((T *)0)->m)
#define OFFSET_DIFF(T, m) ((char *)&((T *)0)->m - (char *)0)

_Static_assert(OFFSET_CAST(struct s, c) == 28, "cast form");
_Static_assert(OFFSET_CAST(struct s, in.arr[2]) == 20, "member path");
_Static_assert(OFFSET_DIFF(struct s, in.x) == 8, "pointer difference");
_Static_assert(OFFSET_DIFF(struct s, in.arr[3]) == __builtin_offsetof(struct s, in.arr[3]), "same as the builtin");
_Static_assert((int)OFFSET_CAST(struct s, c) + 1 == 29, "in arithmetic");
enum { ENUM_OFFSET = OFFSET_CAST(struct s, c), ENUM_DIFF = OFFSET_DIFF(struct s, in) };
_Static_assert(ENUM_OFFSET == 28 && ENUM_DIFF == 8, "enumerators");
unsigned long offset_global = OFFSET_CAST(struct s, in.arr[1]);

int sized[OFFSET_CAST(struct s, c)]; // expected-warning {{variable length array folded to constant array as an extension}}
_Static_assert(sizeof(sized) == 28 * sizeof(int), "array size");
typedef char sized_t[OFFSET_DIFF(struct s, in.arr[0])]; // expected-warning {{variable length array folded to constant array as an extension}}
_Static_assert(sizeof(sized_t) == 12, "typedef size");
struct holder {
  char buf[OFFSET_CAST(struct s, in)]; // expected-warning {{variable length array folded to constant array as an extension}}
  unsigned w : OFFSET_CAST(struct s, in); // folded silently (-pedantic would warn)
};
_Static_assert(sizeof(struct holder) == 12, "member array and bit-field width");

int case_label(int x) {
  char local[OFFSET_CAST(struct s, c)];
  static char kept[OFFSET_CAST(struct s, c)]; // expected-warning {{variable length array folded to constant array as an extension}}
  local[0] = kept[1];
  switch (x) {
  case OFFSET_CAST(struct s, c): return local[0];
  case OFFSET_DIFF(struct s, in.x): return 2;
  }
  return (int)sizeof(local);
}

int parameter(int p[OFFSET_CAST(struct s, c)]) { return p[0] + (int)sizeof(char[OFFSET_CAST(struct s, c)]); }

unsigned long bitfield(void) {
  return OFFSET_CAST(struct s, bf); // expected-error {{address of bit-field requested}}
}
int bitfield_size[OFFSET_CAST(struct s, bf)]; // expected-error {{address of bit-field requested}}
