enum a { X, Y };
enum b { X };              // expected-error {{redefinition of enumerator 'X'}}
int T2;
typedef int T2;            // expected-error {{redefinition of 'T2' as different kind of symbol}}
struct m;
union m *um;               // expected-error {{use of 'm' with tag type that does not match previous declaration}}
struct wide { int x : 33; };   // expected-error {{width of bit-field 'x' (33 bits) exceeds the width of its type (32 bits)}}
int neg[-1];               // expected-error {{'neg' declared as an array with a negative size}}
struct fwd;
struct holder { struct fwd f; }; // expected-error {{field has incomplete type 'struct fwd'}}
struct dup { int a; long a; };   // expected-error {{duplicate member 'a'}}
typedef unsigned int u32;
u32 ok_value = 3;
_Static_assert(sizeof(u32) == 4, "");
struct flex { int n; char data[]; };
struct notlast { char data[]; int n; }; // expected-error {{flexible array member 'data' with type 'char[]' is not at the end of struct}}
