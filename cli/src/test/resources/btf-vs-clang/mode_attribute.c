// The BTF of types given a machine mode (BtfDumpVsClangTest compares bpftool's dump with clang-22's): an enum of
// mode byte is an ENUM of size 1, one of mode word or DI an ENUM64 of size 8, both SIGNED whatever their values; a
// typedef with a mode names the integer or float of that width; an 8-byte enum is ENUM64 even when its values are
// small (`enum e : long`).
enum e_byte { EBYTE_1, EBYTE_2 } __attribute__((mode(byte)));
enum e_word { EWORD_1, EWORD_2 } __attribute__((mode(word)));
enum e_u { EU_1 = 0x80000000u, EU_2 = 5 } __attribute__((mode(QI)));
enum e_hi { EHI_1 = 200, EHI_2 = -3 } __attribute__((mode(HI)));
enum e_fixed : long { EFIXED_1 = 1 };
typedef int i8 __attribute__((mode(QI)));
typedef unsigned int u16m __attribute__((mode(HI)));
typedef int i64m __attribute__((mode(DI)));
typedef unsigned u64w __attribute__((mode(word)));
typedef _Bool b32 __attribute__((mode(SI)));
typedef float f64 __attribute__((mode(DF)));
typedef const unsigned cu8 __attribute__((mode(QI)));
struct moded {
    char a;
    enum e_byte b;
    enum e_word d;
    enum e_u u;
    enum e_hi h;
    enum e_fixed x;
    i8 e;
    u16m f;
    i64m g;
    u64w w;
    b32 bo;
    f64 fl;
    cu8 c;
    int m __attribute__((mode(QI)));
    int bits : 3 __attribute__((mode(QI)));
};
struct moded moded_global;
const int qualifiers_dropped __attribute__((mode(QI))) = 3;
