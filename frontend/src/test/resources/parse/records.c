struct __attribute__((packed)) pkt {
    unsigned int a : 3, : 0, b : 5;
    union {
        int x;
        struct { char c; };
    };
    int flex[];
} __attribute__((aligned(8)));
// CHECK: Specifiers struct pkt {}
// CHECK-NEXT: Attribute 'packed'
// CHECK-NEXT: Attribute 'aligned'
// CHECK-NEXT: IntLiteral '8'
// CHECK-NEXT: Fields
// CHECK-NEXT: Specifiers unsigned int
// CHECK-NEXT: Field 'a'
// CHECK-NEXT: Declarator 'a' []
// CHECK-NEXT: BitWidth
// CHECK-NEXT: IntLiteral '3'
// CHECK-NEXT: Field
// CHECK-NEXT: BitWidth
// CHECK-NEXT: IntLiteral '0'
// CHECK-NEXT: Field 'b'
// CHECK: Specifiers union {}
// CHECK: Specifiers struct {}
// CHECK: Field 'flex'
// CHECK-NEXT: Declarator 'flex' [array]

enum color { RED, GREEN = 2, BLUE = GREEN + 1, } __attribute__((packed));
// CHECK: Specifiers enum color {}
// CHECK-NEXT: Attribute 'packed'
// CHECK-NEXT: Enumerator 'RED'
// CHECK-NEXT: Enumerator 'GREEN'
// CHECK-NEXT: IntLiteral '2'
// CHECK-NEXT: Enumerator 'BLUE'
// CHECK-NEXT: Binary '+'

struct fwd;
struct fwd *use;
// CHECK: Declarator 'use' [pointer]

struct with_assert { int a; _Static_assert(sizeof(int) == 4, "int"); };
// CHECK: StaticAssert

struct task { int pid; } __attribute__((preserve_access_index));
// CHECK: Attribute 'preserve_access_index'

int *__attribute__((btf_type_tag("user"))) uptr;
// CHECK: Declarator 'uptr' [pointer]
// CHECK-NEXT: Attribute 'btf_type_tag'
// CHECK-NEXT: StringLiteral "user"
