// Machine modes clang-22 takes but jbpfc cannot represent are refused, never ignored: a half float and a vector
// have no type here, and an enum of 16 bytes would need a BTF ENUM64 of size 16, which no kernel accepts (clang
// writes one). The modes clang itself refuses are in sema/mode_attribute.c.
typedef float half_float __attribute__((mode(HF)));
typedef int vector_of_4 __attribute__((mode(V4SI)));
enum wide { W1 } __attribute__((mode(TI)));
// expected-error: machine mode 'HF' is not supported yet
// expected-error: vector types made with the 'mode' attribute ('V4SI') are not supported yet
// expected-error: an enum of machine mode 'TI' (16 bytes) is not supported: BTF enums have at most 8 bytes
