// __attribute__((mode(M))) replaces a declaration's integer or floating type by the type of that width, and gives
// an enum a signed underlying type of that width; the sizes, offsets and signedness below are clang-22's
// (--target=bpf, where a word is 64 bits).
enum e_byte { EBYTE_1, EBYTE_2 } __attribute__((mode(byte)));
enum e_word { EWORD_1, EWORD_2 } __attribute__((mode(word)));
enum __attribute__((__mode__(__HI__))) e_hi { EHI_1 };
enum e_u { EU_1 = 0x80000000u, EU_2 = 5 } __attribute__((mode(QI)));
typedef enum { ET_1 } __attribute__((mode(SI))) e_t;
enum plain { P_1 };
typedef int i8 __attribute__((mode(QI)));
typedef unsigned int u16m __attribute__((mode(HI)));
typedef int i64m __attribute__((mode(DI)));
typedef unsigned u64w __attribute__((mode(word)));
typedef char c32 __attribute__((mode(SI)));
typedef _Bool b8 __attribute__((mode(QI)));
typedef unsigned long long u8p __attribute__((mode(pointer)));
typedef int i128 __attribute__((mode(TI)));
typedef float f64 __attribute__((mode(DF)));
typedef double f32 __attribute__((mode(SF)));
typedef const unsigned cu8 __attribute__((mode(QI)));
typedef enum plain plain_qi __attribute__((mode(QI)));
struct s { char a; enum e_byte b; char c; enum e_word d; int e __attribute__((mode(HI))); int f : 3 __attribute__((mode(QI))); };
int v __attribute__((mode(QI)));
__attribute__((mode(HI))) int w;
int param(int p __attribute__((mode(QI)))) { return sizeof(p); }

_Static_assert(sizeof(enum e_byte) == 1 && sizeof(enum e_word) == 8 && sizeof(enum e_hi) == 2, "enum sizes");
_Static_assert(sizeof(enum e_u) == 1 && sizeof(e_t) == 4, "enum sizes");
_Static_assert((enum e_byte)-1 < 0 && (enum e_word)-1 < 0 && (enum e_u)-1 < 0, "an enum with a mode is signed");
_Static_assert(sizeof(EBYTE_1) == 4 && sizeof(EU_1) == 1 && EU_1 == 0 && EU_2 == 5, "enumerators");
_Static_assert(_Generic((enum e_word)0, long: 1, default: 0), "mode(word) enum is compatible with long");
_Static_assert(_Generic((i8)0, signed char: 1, default: 0) && _Generic((u16m)0, unsigned short: 1, default: 0), "");
_Static_assert(_Generic((i64m)0, long: 1, default: 0) && _Generic((u64w)0, unsigned long: 1, default: 0), "");
_Static_assert(_Generic((c32)0, int: 1, default: 0) && _Generic((b8)0, unsigned char: 1, default: 0), "");
_Static_assert(sizeof(u8p) == 8 && sizeof(i128) == 16 && sizeof(f64) == 8 && sizeof(f32) == 4, "");
_Static_assert(_Generic((f64)0, double: 1, default: 0) && _Generic((f32)0, float: 1, default: 0), "");
_Static_assert(_Generic((plain_qi)0, unsigned char: 1, default: 0), "an enum type keeps its underlying signedness");
_Static_assert(__builtin_offsetof(struct s, c) == 2 && __builtin_offsetof(struct s, d) == 8, "struct layout");
_Static_assert(__builtin_offsetof(struct s, e) == 16 && sizeof(struct s) == 24, "struct layout");
_Static_assert(sizeof(v) == 1 && sizeof(w) == 2, "variables");

void qualifiers_go(void) { cu8 x = 1; x = 2; (void)x; }

typedef int bad1 __attribute__((mode(XX)));        // expected-error {{unknown machine mode 'XX'}}
typedef int bad2 __attribute__((mode(SF)));        // expected-error {{type of machine mode does not match type of base type}}
typedef float bad3 __attribute__((mode(SI)));      // expected-error {{type of machine mode does not match type of base type}}
struct bad4 { int x; } __attribute__((mode(QI)));  // expected-error {{'mode' attribute only applies to variables, enums, typedefs, and non-static data members}}
typedef int *bad5 __attribute__((mode(DI)));       // expected-error {{mode attribute only supported for integer and floating-point types}}
typedef int bad6 __attribute__((mode));            // expected-error {{'mode' attribute takes one argument}}
typedef int bad7 __attribute__((mode(1)));         // expected-error {{'mode' attribute requires an identifier}}
typedef double bad8 __attribute__((mode(TF)));     // expected-error {{unsupported machine mode 'TF'}}
void bad11(void) __attribute__((mode(QI)));        // expected-error {{'mode' attribute only applies to variables, enums, typedefs, and non-static data members}}
