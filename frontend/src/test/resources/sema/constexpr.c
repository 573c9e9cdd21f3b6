// expected-no-diagnostics
// Integer constant expressions: each assertion is checked by jbpfc's evaluator and by clang.
#define TYPE_IS(e, T) __builtin_types_compatible_p(__typeof__(e), T)
enum small { A, B = 5, C };
enum big { D = 0x80000000 };
enum wide { E = 0x100000000ULL, F };
enum neg { G = -1, H = 0x80000000 };
struct s { char c; int i; long l[3]; struct { short x, y; } pt; unsigned bf : 3; };
_Static_assert(A == 0 && B == 5 && C == 6, "enumerators");
_Static_assert(TYPE_IS(A, int) && TYPE_IS(D, unsigned int) && TYPE_IS(E, unsigned long) && TYPE_IS(H, long), "enum constant types");
_Static_assert(sizeof(enum small) == 4 && sizeof(enum wide) == 8 && sizeof(enum neg) == 8, "enum sizes");
_Static_assert(F == 0x100000001ULL, "64-bit enum");
_Static_assert(-1 < 0 && !(-1 < 0u) && -1L < 0u, "usual arithmetic conversions");
_Static_assert((unsigned char)300 == 44 && (signed char)200 == -56 && (_Bool)5 == 1, "casts wrap");
_Static_assert(0xffffffff + 1 == 0 && 0xffffffffU + 1UL == 0x100000000UL, "unsigned wrap in its type");
_Static_assert(1 << 31 < 0 && 1U << 31 > 0 && (1UL << 63) > 0 && -8 >> 1 == -4, "shifts");
_Static_assert(7 / 2 == 3 && -7 / 2 == -3 && -7 % 2 == -1 && (7 & 3) == 3 && (5 ^ 1) == 4 && (4 | 1) == 5, "arith");
_Static_assert((1 ? 2 : 3) == 2 && (0 ?: 9) == 9 && (0 && (1 / 0)) == 0 && (1 || (1 / 0)) == 1, "conditionals");
_Static_assert(sizeof(struct s) == 40 && _Alignof(struct s) == 8, "struct layout");
_Static_assert(__builtin_offsetof(struct s, l[2]) == 24 && __builtin_offsetof(struct s, pt.y) == 34, "offsetof paths");
_Static_assert(sizeof(char) == 1 && sizeof(long) == 8 && sizeof(void *) == 8 && sizeof(long double) == 8, "BPF sizes");
_Static_assert(sizeof(__int128) == 16 && _Alignof(__int128) == 16, "int128");
_Static_assert(sizeof("abc") == 4 && sizeof(int[3][5]) == 60, "arrays");
_Static_assert(__builtin_choose_expr(1, 10, 20) == 10 && __builtin_choose_expr(0, 10, 20) == 20, "choose_expr");
_Static_assert(__builtin_constant_p(3 * 4) && !__builtin_constant_p(*(int *)0), "constant_p");
_Static_assert(TYPE_IS('a', int) && 'a' == 97 && '\377' == -1 && '\n' == 10, "char constants");
_Static_assert(TYPE_IS(1 + 1L, long) && TYPE_IS(1U + 1, unsigned int) && TYPE_IS(1UL + 1LL, unsigned long long), "common types");
_Static_assert(TYPE_IS(0x7fffffff, int) && TYPE_IS(0x80000000, unsigned int) && TYPE_IS(2147483648, long), "literal types");
_Static_assert(TYPE_IS((short)1 + (short)1, int) && TYPE_IS(~(unsigned char)0, int), "promotions");
_Static_assert(TYPE_IS(sizeof(int), unsigned long) && TYPE_IS((char *)0 - (char *)0, long), "size_t and ptrdiff_t");
_Static_assert(__builtin_expect(3, 3) == 3, "expect folds");
int arr[sizeof(struct s) / 8];
_Static_assert(sizeof(arr) == 20, "array size from a constant expression");
int init_sized[] = {1, 2, [7] = 3};
_Static_assert(sizeof(init_sized) == 32, "size from designated initializer");
char str[] = "hello";
_Static_assert(sizeof(str) == 6, "size from string");
_Static_assert(__builtin_bswap16(0x1234) == 0x3412 && __builtin_bswap32(0x11223344) == 0x44332211 && __builtin_bswap64(1) == 0x100000000000000UL, "bswap folds");
_Static_assert(0xb == 11 && 0xab == 171 && 0x2f4bc6bb == 793495227, "hex digits b");
